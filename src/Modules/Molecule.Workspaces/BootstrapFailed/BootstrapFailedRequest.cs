using System.Text.Json.Serialization;

namespace Molecule.Workspaces.BootstrapFailed;

internal sealed class BootstrapFailedRequest
{
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("log_tail")] public string? LogTail { get; set; }
}
