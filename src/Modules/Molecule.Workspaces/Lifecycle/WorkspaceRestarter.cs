using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Provisioning;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// The restart both the route and auto-restart perform: stop the compute, mark the workspace
/// provisioning with its URL cleared, announce it, and queue a fresh start.
/// </summary>
internal sealed class WorkspaceRestarter(
    NpgsqlDataSource db,
    ComputeControl compute,
    WorkspaceEvents events,
    WorkspaceProvisioner provisioner,
    TimeProvider clock)
{
    /// <summary>False when the workspace's status no longer allows <paramref name="trigger"/>.</summary>
    public async Task<bool> RestartAsync(WorkspaceRef workspace, WorkspaceTrigger trigger, ProvisionJob job, CancellationToken cancellationToken)
    {
        // As in the reference, a failed stop does not block the restart: the new start replaces it.
        await compute.StopAsync(workspace, cancellationToken);

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await StatusWrites.ApplyAsync(
            connection, new StatusChange(trigger) { Url = "" }, workspace.Id, clock.GetUtcNow(), cancellationToken);
        if (row is null)
        {
            return false;
        }

        var restarted = row.ToRef();
        await events.PublishAsync(trigger, restarted.Id, WorkspaceEvents.Provisioning(restarted), cancellationToken);

        // An external agent is started by whoever runs it; its next register brings it back.
        if (!restarted.IsExternal)
        {
            provisioner.Enqueue(job);
        }

        return true;
    }
}
