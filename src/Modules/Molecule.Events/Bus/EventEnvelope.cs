using System.Text.Json.Nodes;

namespace Molecule.Events.Bus;

/// <summary>One event as it travels on the bus and out to /ws and SSE clients.</summary>
internal sealed record EventEnvelope(string Event, Guid? WorkspaceId, DateTimeOffset Timestamp, JsonObject Payload);
