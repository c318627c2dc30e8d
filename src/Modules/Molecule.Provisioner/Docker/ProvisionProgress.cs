using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Events;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// WORKSPACE_PROVISION_PROGRESS events (ours, not the reference's). Each stage change is recorded;
/// pull updates in between are broadcast only. Payloads name images and containers, never values
/// from the environment. Progress is informational: failing to publish it never fails a start.
/// </summary>
internal sealed partial class ProvisionProgress(IEventPublisher events, ILogger<ProvisionProgress> logger)
{
    public const string PullingImage = "pulling_image";
    public const string Creating = "creating";
    public const string Starting = "starting";

    public Task PullingAsync(Guid workspaceId, string image, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.RecordAndBroadcastAsync(
            EventTypes.WorkspaceProvisionProgress, workspaceId, new JsonObject { ["stage"] = PullingImage, ["image"] = image }, cancellationToken));

    public Task CreatingAsync(Guid workspaceId, string image, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.RecordAndBroadcastAsync(
            EventTypes.WorkspaceProvisionProgress, workspaceId, new JsonObject { ["stage"] = Creating, ["image"] = image }, cancellationToken));

    public Task StartingAsync(Guid workspaceId, string container, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.RecordAndBroadcastAsync(
            EventTypes.WorkspaceProvisionProgress, workspaceId, new JsonObject { ["stage"] = Starting, ["container"] = container }, cancellationToken));

    public Task PullUpdateAsync(Guid workspaceId, JsonObject snapshot, CancellationToken cancellationToken) =>
        SafelyAsync(() => events.BroadcastOnlyAsync(EventTypes.WorkspaceProvisionProgress, workspaceId, snapshot, cancellationToken));

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
