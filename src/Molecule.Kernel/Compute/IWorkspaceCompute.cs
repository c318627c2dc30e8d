using Molecule.Kernel.Workspaces;

namespace Molecule.Kernel.Compute;

/// <summary>What a provisioner is asked to start.</summary>
public sealed record ProvisionRequest(
    WorkspaceRef Workspace,
    string? Template,
    IReadOnlyDictionary<string, string> Environment,
    bool ResetConfig);

/// <summary>The outcome of a start: a URL the agent will be reachable on, or why it failed.</summary>
public sealed record ProvisionResult(bool Started, string? Url, string? InstanceId, string? Error)
{
    public static ProvisionResult Failed(string error) => new(false, null, null, error);
}

/// <summary>
/// Starts and stops a workspace's compute. Implemented per backend by the Provisioner module
/// (keyed by <see cref="Backend"/>); callers resolve it with <see cref="BackendDispatch.ForWorkspace{T}"/>.
/// </summary>
public interface IWorkspaceCompute
{
    Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken);

    /// <summary>Stops the compute, keeping its volumes/disk so a later start resumes it.</summary>
    Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken);

    /// <summary>Removes the compute and everything it owns (volumes, instance).</summary>
    Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken);

    /// <summary>
    /// False only when the backend can tell the compute is not running (container gone or exited).
    /// A backend that cannot tell answers true: a workspace is never declared dead without proof.
    /// </summary>
    Task<bool> IsRunningAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.FromResult(true);
}
