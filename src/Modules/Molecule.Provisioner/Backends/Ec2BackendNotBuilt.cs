using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Provisioner.Backends;

/// <summary>
/// Stands in for the EC2 provisioner until it is built. A start answers the one "not available on
/// this backend" exception, which the provisioner records as the start's failure. A row dispatched
/// here may carry an <c>instance_id</c>, so an instance may exist that this build cannot reach: stop
/// and delete refuse with the instance named rather than report it gone.
/// </summary>
internal sealed class Ec2BackendNotBuilt : IWorkspaceCompute
{
    public const string Start = "workspace start";

    public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Start, Backend.Ec2);

    public Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw Unreachable(workspace, "stop");

    public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw Unreachable(workspace, "delete");

    private static ComputeOperationException Unreachable(WorkspaceRef workspace, string action) =>
        new($"EC2 backend is not available in this build: cannot {action} instance {workspace.InstanceId} of workspace {workspace.Id}");
}
