using System.Text.Json;
using System.Text.Json.Serialization;

namespace Molecule.Registry.Discovery;

internal sealed record PeerResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("tier")] int Tier,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("parent_id")] Guid? ParentId,
    [property: JsonPropertyName("active_tasks")] int ActiveTasks,
    [property: JsonPropertyName("agent_card")] JsonElement? AgentCard);

internal sealed record DiscoverResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("name")] string Name);
