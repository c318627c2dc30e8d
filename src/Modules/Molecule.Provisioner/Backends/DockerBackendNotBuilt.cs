using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Provisioner.Backends;

/// <summary>
/// Stands in for the Docker provisioner until it is built: every start fails with a message that
/// names what is missing, so a workspace never looks provisioned when nothing runs it.
/// </summary>
internal sealed class DockerBackendNotBuilt : IWorkspaceCompute
{
    public const string StartError =
        "Docker backend is not available in this build: workspace containers need the Docker provisioner (not built yet)";

    public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProvisionResult.Failed(StartError));

    // Nothing in this build can have started a container, so there is provably nothing to stop.
    public Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.CompletedTask;
}
