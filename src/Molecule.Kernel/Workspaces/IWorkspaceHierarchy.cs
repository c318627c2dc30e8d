namespace Molecule.Kernel.Workspaces;

/// <summary>The reference's hierarchy rule for who may talk to whom.</summary>
public interface IWorkspaceHierarchy
{
    /// <summary>
    /// True when a == b, when they share a parent (or are both roots), or when one is an ancestor of
    /// the other (up to 32 levels). Status is not consulted; a lookup error means false.
    /// </summary>
    Task<bool> CanCommunicateAsync(Guid a, Guid b, CancellationToken cancellationToken = default);
}
