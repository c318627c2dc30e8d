using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Events;

namespace Molecule.Provisioner;

/// <summary>
/// Publishes WORKSPACE_PROVISION_PROGRESS for both backends' progress reporters. Progress is
/// informational: a failed publish is logged and never fails a start.
/// </summary>
internal sealed partial class ProgressEvents(IEventPublisher events, ILogger<ProgressEvents> logger)
{
    /// <summary>Recorded in structure_events and broadcast: a stage change.</summary>
    public Task RecordAsync(Guid workspaceId, JsonObject payload, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.RecordAndBroadcastAsync(EventTypes.WorkspaceProvisionProgress, workspaceId, payload, cancellationToken));

    /// <summary>Broadcast only: frequent updates between stages (image pull progress).</summary>
    public Task BroadcastAsync(Guid workspaceId, JsonObject payload, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.BroadcastOnlyAsync(EventTypes.WorkspaceProvisionProgress, workspaceId, payload, cancellationToken));

    private async Task SafelyAsync(Func<Task> publish)
    {
        try
        {
            await publish();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPublishFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not publish a provisioning progress event")]
    private partial void LogPublishFailed(Exception exception);
}
