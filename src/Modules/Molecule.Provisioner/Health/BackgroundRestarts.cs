using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Workspaces;

namespace Molecule.Provisioner.Health;

/// <summary>
/// Asks for auto-restarts without waiting for them: a restart first waits for any start still
/// running for its workspace (minutes, with an image pull), and the watchers must keep reading the
/// engine meanwhile. The lifecycle drops a second restart of the same workspace on its own.
/// </summary>
internal sealed partial class BackgroundRestarts(
    IWorkspaceLifecycle lifecycle, IHostApplicationLifetime lifetime, ILogger<BackgroundRestarts> logger)
{
    public void Request(Guid workspaceId, string reason) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await lifecycle.RestartAsync(workspaceId, reason, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                LogFailed(exception, workspaceId);
            }
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "auto-restart of workspace {WorkspaceId} failed")]
    private partial void LogFailed(Exception exception, Guid workspaceId);
}
