using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.Directory;

/// <summary>The columns of <c>workspaces</c> that make a <see cref="WorkspaceRef"/>.</summary>
internal sealed record WorkspaceRefRow(
    Guid Id,
    string Name,
    string? Runtime,
    int? Tier,
    string? Status,
    string? InstanceId,
    Guid? ParentId,
    string? Url,
    string? ComputeBackend)
{
    public const string Columns = "id, name, runtime, tier, status::text AS status, instance_id, parent_id, url, compute_backend";

    public WorkspaceRef ToRef() => new(
        Id,
        Name,
        string.IsNullOrEmpty(Runtime) ? "langgraph" : Runtime,
        Tier ?? 1,
        WorkspaceStatuses.TryParse(Status, out var status) ? status : WorkspaceStatus.Provisioning,
        InstanceId,
        ParentId,
        Url,
        BackendDispatch.Parse(ComputeBackend));
}
