using System.Text;
using System.Text.Json;
using Molecule.Docker.Wire;

namespace Molecule.Docker.Streams;

/// <summary>Decodes <c>X-Docker-Container-Path-Stat</c>: standard base64 of a small JSON object.</summary>
internal static class PathStatHeader
{
    public const string Name = "X-Docker-Container-Path-Stat";

    /// <summary>Null when the header is absent or not what the engine sends.</summary>
    public static DockerPathStat? Decode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), bytes, out var length))
        {
            return null;
        }

        PathStatWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(Encoding.UTF8.GetString(bytes, 0, length), DockerJsonContext.Default.PathStatWire);
        }
        catch (JsonException)
        {
            return null;
        }

        return wire?.Name is null
            ? null
            : new DockerPathStat(wire.Name, wire.Size, wire.Mode, DockerTime.Parse(wire.Mtime), NullIfEmpty(wire.LinkTarget));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
