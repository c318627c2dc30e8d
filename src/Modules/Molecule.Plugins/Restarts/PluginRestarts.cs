using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Workspaces;
using Molecule.Plugins.Http;

namespace Molecule.Plugins.Restarts;

/// <summary>
/// Restarts a workspace after its plugins changed, without holding up the answer: the agent loads
/// plugins when it starts.
/// </summary>
internal sealed class PluginRestarts(
    IWorkspaceLifecycle lifecycle,
    IHostApplicationLifetime lifetime,
    ILogger<PluginRestarts> logger)
{
    public void Restart(Guid workspaceId, string reason)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    var started = await lifecycle.RestartAsync(workspaceId, reason, stopping);
                    logger.RestartRequested(workspaceId, reason, started);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // The host is shutting down; the restart is moot.
                }
                catch (Exception exception)
                {
                    // Nobody awaits this task: the failure must reach the log.
                    logger.RestartFailed(exception, workspaceId, reason);
                }
            },
            stopping);
    }
}
