using Microsoft.Extensions.Logging;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// Stops or deletes a workspace's compute through the backend its row dispatches to. External
/// workspaces run elsewhere and have nothing here to stop. Failures come back as operator-safe text.
/// </summary>
internal sealed partial class ComputeControl(IServiceProvider services, ILogger<ComputeControl> logger)
{
    /// <summary>Stops the compute, keeping its volumes; returns why it failed, or null.</summary>
    public Task<string?> StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        RunAsync(workspace, "stop", compute => compute.StopAsync(workspace, cancellationToken));

    /// <summary>Removes the compute and what it owns; returns why it failed, or null.</summary>
    public Task<string?> DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        RunAsync(workspace, "delete", compute => compute.DeleteAsync(workspace, cancellationToken));

    private async Task<string?> RunAsync(WorkspaceRef workspace, string action, Func<IWorkspaceCompute, Task> operation)
    {
        if (workspace.IsExternal)
        {
            return null;
        }

        try
        {
            await operation(services.ForWorkspace<IWorkspaceCompute>(workspace));
            return null;
        }
        catch (ComputeOperationException exception)
        {
            LogFailed(workspace.Id, action, exception.Message);
            return exception.Message;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogThrew(exception, workspace.Id, action);
            return $"failed to {action} the compute of workspace {workspace.Id}";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not {Action} the compute of workspace {WorkspaceId}: {Error}")]
    private partial void LogFailed(Guid workspaceId, string action, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Action} of the compute of workspace {WorkspaceId} threw")]
    private partial void LogThrew(Exception exception, Guid workspaceId, string action);
}
