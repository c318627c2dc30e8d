namespace Molecule.Docker.Mapping;

/// <summary>Splits <c>repo[:tag]</c> / <c>repo@digest</c>: a pull without a tag would fetch every tag.</summary>
internal static class ImageReference
{
    public const string DefaultTag = "latest";

    public static (string Repository, string Tag) Split(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        // A colon before the last slash belongs to a registry port (localhost:5000/x), not a tag.
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/')
            ? (reference[..colon], reference[(colon + 1)..])
            : (reference, DefaultTag);
    }
}
