namespace Molecule.Kernel.Workspaces;

/// <summary>Read access to workspace rows for modules other than Workspaces.</summary>
public interface IWorkspaceDirectory
{
    /// <summary>The row with this id, removed rows included; null when there is none.</summary>
    Task<WorkspaceRef?> FindAsync(Guid id, CancellationToken cancellationToken = default);
}
