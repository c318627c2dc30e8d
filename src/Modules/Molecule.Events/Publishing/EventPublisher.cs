using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Molecule.Events.Bus;
using Molecule.Kernel.Diagnostics;
using Molecule.Kernel.Events;
using Npgsql;

namespace Molecule.Events.Publishing;

/// <summary>Appends events to <c>structure_events</c> and hands them to the bus.</summary>
internal sealed partial class EventPublisher(
    NpgsqlDataSource db,
    IEventBus bus,
    TimeProvider clock,
    ILogger<EventPublisher> logger) : IEventPublisher
{
    public async Task RecordAndBroadcastAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default)
    {
        var envelope = EventEnvelope.Create(eventType, workspaceId, clock.GetUtcNow(), payload);
        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO structure_events (event_type, workspace_id, payload, created_at) VALUES (@eventType, @workspaceId, @payload::jsonb, @createdAt)",
                new { eventType, workspaceId, payload = Encoding.UTF8.GetString(envelope.Payload.Span), createdAt = envelope.Timestamp },
                cancellationToken: cancellationToken));
        }
        catch (NpgsqlException exception)
        {
            // As in the reference: an event that could not be recorded is not delivered either.
            LogRecordFailed(exception, eventType, workspaceId);
            return;
        }

        await PublishAsync(envelope, cancellationToken);
    }

    public Task BroadcastOnlyAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default) =>
        PublishAsync(EventEnvelope.Create(eventType, workspaceId, clock.GetUtcNow(), payload), cancellationToken);

    private async Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await bus.PublishAsync(envelope, cancellationToken);
        MoleculeMeter.EventsPublished.Add(1, new KeyValuePair<string, object?>("event_type", envelope.Event));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "event {EventType} for workspace {WorkspaceId} was not recorded and is dropped")]
    private partial void LogRecordFailed(Exception exception, string eventType, Guid? workspaceId);
}
