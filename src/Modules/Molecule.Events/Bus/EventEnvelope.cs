using System.Text.Json;
using System.Text.Json.Nodes;
using Molecule.Kernel.Events;

namespace Molecule.Events.Bus;

/// <summary>
/// One event as it travels on the bus. The payload is serialised once when the event is published;
/// each wire form is built the first time a subscriber needs it and then shared by every client.
/// </summary>
internal sealed class EventEnvelope
{
    // Written at most a few times under a race (each write holds identical bytes), read lock-free.
    private byte[]? _webSocketFrame;
    private byte[]? _serverSentEvent;
    private WorkspaceEvent? _workspaceEvent;

    public EventEnvelope(string @event, Guid? workspaceId, DateTimeOffset timestamp, ReadOnlyMemory<byte> payload)
    {
        Event = @event;
        WorkspaceId = workspaceId;
        Timestamp = timestamp.ToUniversalTime();
        Payload = payload;
    }

    public string Event { get; }

    public Guid? WorkspaceId { get; }

    public DateTimeOffset Timestamp { get; }

    /// <summary>The payload object as compact UTF-8 JSON; never changed after construction.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public static EventEnvelope Create(string @event, Guid? workspaceId, DateTimeOffset timestamp, JsonObject payload) =>
        new(@event, workspaceId, timestamp, EventWireFormat.SerializePayload(payload));

    /// <summary>The /ws text frame: <c>{"event","workspace_id","timestamp","payload"}</c>.</summary>
    public ReadOnlyMemory<byte> WebSocketFrame => _webSocketFrame ??= EventWireFormat.WebSocketFrame(this);

    /// <summary>The SSE record: <c>data: {"type","timestamp","data"}</c> and a blank line.</summary>
    public ReadOnlyMemory<byte> ServerSentEvent => _serverSentEvent ??= EventWireFormat.ServerSentEvent(this);

    /// <summary>The form other modules observe through <see cref="IEventStream"/>.</summary>
    public WorkspaceEvent WorkspaceEvent => _workspaceEvent ??= ToWorkspaceEvent();

    private WorkspaceEvent ToWorkspaceEvent()
    {
        using var document = JsonDocument.Parse(Payload);
        return new WorkspaceEvent(Event, WorkspaceId, Timestamp, document.RootElement.Clone());
    }
}
