using Molecule.Kernel.Compute;

namespace Molecule.Kernel.Workspaces;

/// <summary>
/// The read model other modules see of a workspace row. <paramref name="ComputeBackend"/> is the
/// row's <c>compute_backend</c>, written once at create; <see cref="Backend"/> is where dispatch sends it.
/// </summary>
public sealed record WorkspaceRef(
    Guid Id,
    string Name,
    string Runtime,
    int Tier,
    WorkspaceStatus Status,
    string? InstanceId,
    Guid? ParentId,
    string? Url,
    Backend ComputeBackend = Backend.Docker)
{
    public Backend Backend => BackendDispatch.For(InstanceId, ComputeBackend);

    public bool IsExternal => Runtime == "external";
}
