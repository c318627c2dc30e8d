using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Provisioner.Backends;

/// <summary>
/// Stands in for the EC2 provisioner until it is built. Starts fail with a message naming the
/// missing backend. A row dispatched here carries an <c>instance_id</c>, so an instance may exist
/// that this build cannot reach: stop and delete refuse rather than report it gone.
/// </summary>
internal sealed class Ec2BackendNotBuilt : IWorkspaceCompute
{
    public const string StartError =
        "EC2 backend is not available in this build: workspace instances need the EC2 provisioner (not built yet)";

    public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProvisionResult.Failed(StartError));

    public Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw Unreachable(workspace, "stop");

    public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw Unreachable(workspace, "delete");

    private static ComputeOperationException Unreachable(WorkspaceRef workspace, string action) =>
        new($"EC2 backend is not available in this build: cannot {action} instance {workspace.InstanceId} of workspace {workspace.Id}");
}
