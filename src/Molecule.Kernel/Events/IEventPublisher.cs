using System.Text.Json.Nodes;

namespace Molecule.Kernel.Events;

/// <summary>Publishes workspace events to the log and to every connected /ws and SSE client.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Appends the event to <c>structure_events</c>, then broadcasts it. As in the reference, an event
    /// whose insert fails is not delivered.
    /// </summary>
    Task RecordAndBroadcastAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default);

    /// <summary>Broadcasts without persisting (TASK_UPDATED, WORKSPACE_HEARTBEAT, ACTIVITY_LOGGED …).</summary>
    Task BroadcastOnlyAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default);
}
