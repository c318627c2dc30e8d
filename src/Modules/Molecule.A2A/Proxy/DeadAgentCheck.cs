using Microsoft.Extensions.Hosting;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.A2A.Proxy;

/// <summary>
/// When an agent cannot be reached, asks its backend whether the compute is still running. A dead
/// container makes the workspace offline (WORKSPACE_OFFLINE) and starts an auto-restart, so the
/// caller is told a restart is under way instead of a bare 502 (spec §4.5 step 10).
/// </summary>
internal sealed class DeadAgentCheck(
    IServiceProvider services,
    IWorkspaceDirectory directory,
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

        // Only a live agent goes offline (the status machine's ComputeDied row); the auto-restart
        // below applies its own guard either way.
        await lifecycle.TransitionAsync(workspaceId, new StatusChange(WorkspaceTrigger.ComputeDied), cancellationToken);

        // The caller gets its answer now; the restart takes as long as it takes.
        _ = Task.Run(() => lifecycle.RestartAsync(workspaceId, "A2A found its container not running", lifetime.ApplicationStopping));
        return true;
    }
}
