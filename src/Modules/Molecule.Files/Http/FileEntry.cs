using System.Text.Json.Serialization;

namespace Molecule.Files.Http;

/// <summary>One line of a listing: <paramref name="Path"/> is relative to the listed directory; directories have size 0.</summary>
internal sealed record FileEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("dir")] bool Dir);
