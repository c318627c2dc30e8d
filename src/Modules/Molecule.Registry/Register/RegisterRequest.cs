using System.Text.Json;
using System.Text.Json.Serialization;

namespace Molecule.Registry.Register;

internal sealed record RegisterRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("agent_card")] JsonElement? AgentCard,
    [property: JsonPropertyName("delivery_mode")] string? DeliveryMode)
{
    /// <summary>A polling agent (channel plugin, CLI connect) has no URL for us to call.</summary>
    public bool IsPoll => DeliveryMode == "poll";
}
