namespace Molecule.Docker.Transport;

/// <summary>Escapes caller-supplied names before they become part of an engine URL path.</summary>
internal static class DockerPath
{
    /// <summary>A container, volume or exec id/name: one path segment.</summary>
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value is "." or "..")
        {
            // The URI would resolve them away and address another route.
            throw new ArgumentException($"\"{value}\" is not a name", nameof(value));
        }

        return Uri.EscapeDataString(value);
    }

    /// <summary>
    /// An image reference keeps its slashes, colons and @ (<c>ghcr.io/acme/ws:1</c>): they are legal
    /// in a path and the engine routes on <c>{name:.*}</c>.
    /// </summary>
    public static string Image(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return string.Join('/', reference.Split('/').Select(segment =>
            Uri.EscapeDataString(segment).Replace("%3A", ":", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal)));
    }
}
