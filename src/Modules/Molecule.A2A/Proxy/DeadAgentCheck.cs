using Dapper;
using Microsoft.Extensions.Hosting;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>
/// When an agent cannot be reached, asks its backend whether the compute is still running. A dead
/// container makes the workspace offline (WORKSPACE_OFFLINE) and starts an auto-restart, so the
/// caller is told a restart is under way instead of a bare 502 (spec §4.5 step 10).
/// </summary>
internal sealed class DeadAgentCheck(
    IServiceProvider services,
    IWorkspaceDirectory directory,
    NpgsqlDataSource db,
    IEventPublisher events,
    IWorkspaceLifecycle lifecycle,
    IHostApplicationLifetime lifetime)
{
    /// <summary>True when the workspace's compute is provably not running and a restart was requested.</summary>
    public async Task<bool> RestartIfDeadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var workspace = await directory.FindAsync(workspaceId, cancellationToken);
        if (workspace is null || workspace.IsExternal || workspace.Status is WorkspaceStatus.Removed or WorkspaceStatus.Provisioning ||
            await services.ForWorkspace<IWorkspaceCompute>(workspace).IsRunningAsync(workspace, cancellationToken))
        {
            return false;
        }

        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE workspaces SET status = 'offline', updated_at = now()
                WHERE id = @workspaceId AND status NOT IN ('removed', 'provisioning', 'offline', 'paused', 'hibernated', 'hibernating')
                """,
                new { workspaceId },
                cancellationToken: cancellationToken));
            if (changed > 0)
            {
                await events.RecordAndBroadcastAsync(EventTypes.WorkspaceOffline, workspaceId, [], cancellationToken);
            }
        }

        // The caller gets its answer now; the restart takes as long as it takes.
        _ = Task.Run(() => lifecycle.RestartAsync(workspaceId, "A2A found its container not running", lifetime.ApplicationStopping));
        return true;
    }
}
