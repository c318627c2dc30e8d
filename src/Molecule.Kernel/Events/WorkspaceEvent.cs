using System.Text.Json;

namespace Molecule.Kernel.Events;

/// <summary>One published event as another module observes it through <see cref="IEventStream"/>.</summary>
/// <param name="Type">The event name (<see cref="EventTypes"/>).</param>
/// <param name="WorkspaceId">The workspace the event is about; null for platform-wide events.</param>
/// <param name="Timestamp">When it was published, UTC.</param>
/// <param name="Payload">The payload object; read-only and safe to read from any thread.</param>
public sealed record WorkspaceEvent(string Type, Guid? WorkspaceId, DateTimeOffset Timestamp, JsonElement Payload);
