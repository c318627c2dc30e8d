namespace Molecule.Kernel.Workspaces;

/// <summary>The read model other modules see of a workspace row.</summary>
public sealed record WorkspaceRef(
    Guid Id,
    string Name,
    string Runtime,
    int Tier,
    WorkspaceStatus Status,
    string? InstanceId,
    Guid? ParentId,
    string? Url)
{
    public Compute.Backend Backend => Compute.BackendDispatch.For(InstanceId);

    public bool IsExternal => Runtime == "external";
}
