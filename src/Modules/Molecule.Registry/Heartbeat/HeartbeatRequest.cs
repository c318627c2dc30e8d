using System.Text.Json.Serialization;

namespace Molecule.Registry.Heartbeat;

internal sealed record HeartbeatRequest(
    [property: JsonPropertyName("workspace_id")] string? WorkspaceId,
    [property: JsonPropertyName("error_rate")] double ErrorRate,
    [property: JsonPropertyName("sample_error")] string? SampleError,
    [property: JsonPropertyName("active_tasks")] int ActiveTasks,
    [property: JsonPropertyName("uptime_seconds")] int UptimeSeconds,
    [property: JsonPropertyName("current_task")] string? CurrentTask,
    [property: JsonPropertyName("monthly_spend")] long MonthlySpend,
    [property: JsonPropertyName("runtime_state")] string? RuntimeState,
    [property: JsonPropertyName("runtime_metadata")] RuntimeMetadata? RuntimeMetadata);

internal sealed record RuntimeMetadata(
    [property: JsonPropertyName("capabilities")] Dictionary<string, bool>? Capabilities,
    [property: JsonPropertyName("idle_timeout_seconds")] int? IdleTimeoutSeconds);
