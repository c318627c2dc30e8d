using System.Text.Json.Nodes;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// The Docker start's WORKSPACE_PROVISION_PROGRESS stages (ours, not the reference's). Each stage
/// change is recorded; pull updates in between are broadcast only. Payloads name images and
/// containers, never values from the environment.
/// </summary>
internal sealed class ProvisionProgress(ProgressEvents progress)
{
    public const string PullingImage = "pulling_image";
    public const string Creating = "creating";
    public const string Starting = "starting";

    public Task PullingAsync(Guid workspaceId, string image, CancellationToken cancellationToken) =>
        progress.RecordAsync(workspaceId, new JsonObject { ["stage"] = PullingImage, ["image"] = image }, cancellationToken);

    public Task CreatingAsync(Guid workspaceId, string image, CancellationToken cancellationToken) =>
        progress.RecordAsync(workspaceId, new JsonObject { ["stage"] = Creating, ["image"] = image }, cancellationToken);

    public Task StartingAsync(Guid workspaceId, string container, CancellationToken cancellationToken) =>
        progress.RecordAsync(workspaceId, new JsonObject { ["stage"] = Starting, ["container"] = container }, cancellationToken);

    public Task PullUpdateAsync(Guid workspaceId, JsonObject snapshot, CancellationToken cancellationToken) =>
        progress.BroadcastAsync(workspaceId, snapshot, cancellationToken);
}
