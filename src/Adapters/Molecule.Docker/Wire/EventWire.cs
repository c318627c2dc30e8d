using System.Text.Json.Serialization;

namespace Molecule.Docker.Wire;

internal sealed class EventWire
{
    public string? Type { get; set; }
    public string? Action { get; set; }
    public EventActorWire? Actor { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("time")]
    public long Time { get; set; }

    [JsonPropertyName("timeNano")]
    public long TimeNano { get; set; }
}

internal sealed class EventActorWire
{
    [JsonPropertyName("ID")]
    public string? Id { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }
}

internal sealed class PathStatWire
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("mode")]
    public uint Mode { get; set; }

    [JsonPropertyName("mtime")]
    public string? Mtime { get; set; }

    [JsonPropertyName("linkTarget")]
    public string? LinkTarget { get; set; }
}
