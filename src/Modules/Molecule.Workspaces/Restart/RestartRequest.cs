using System.Text.Json.Serialization;

namespace Molecule.Workspaces.Restart;

/// <summary>The optional body of POST /workspaces/:id/restart: which configuration to start from.</summary>
internal sealed class RestartRequest
{
    [JsonPropertyName("template")] public string? Template { get; set; }
    [JsonPropertyName("apply_template")] public bool? ApplyTemplate { get; set; }
    [JsonPropertyName("reset")] public bool? Reset { get; set; }
    [JsonPropertyName("rebuild_config")] public bool? RebuildConfig { get; set; }
}
