namespace Molecule.Docker.Transport;

/// <summary>Escapes caller-supplied names before they become part of an engine URL path.</summary>
internal static class DockerPath
{
    /// <summary>A container, volume or exec id/name: one path segment.</summary>
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    /// <summary>An image reference keeps its slashes (<c>ghcr.io/acme/ws:1</c>): the engine routes on <c>{name:.*}</c>.</summary>
    public static string Image(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return string.Join('/', reference.Split('/').Select(Uri.EscapeDataString));
    }
}
