using System.Text.Json;
using System.Text.Json.Serialization;

namespace Molecule.Workspaces.Get;

/// <summary>GET /workspaces/:id: the open view, without spend, task, sample error or directory.</summary>
internal sealed record WorkspaceDetail(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("tier")] int Tier,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("agent_card")] JsonElement? AgentCard,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("parent_id")] Guid? ParentId,
    [property: JsonPropertyName("active_tasks")] int ActiveTasks,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("last_error_rate")] double LastErrorRate,
    [property: JsonPropertyName("uptime_seconds")] int UptimeSeconds,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("compute_backend")] string ComputeBackend,
    [property: JsonPropertyName("x")] double X,
    [property: JsonPropertyName("y")] double Y,
    [property: JsonPropertyName("collapsed")] bool Collapsed,
    [property: JsonPropertyName("last_outbound_at")] DateTime? LastOutboundAt,
    [property: JsonPropertyName("provision_timeout_ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ProvisionTimeoutMs);
