using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>
/// A workspace's shell, per backend (ARCHITECTURE.md §3): Docker runs an exec in the workspace's
/// container; EC2 will run ssh through an Instance Connect tunnel. Registered keyed by
/// <see cref="Molecule.Kernel.Compute.Backend"/>.
/// </summary>
internal interface ITerminalBackend
{
    /// <summary>
    /// The checks that answer plain HTTP before the WebSocket upgrade (engine reachable, container
    /// running): a shell to open, or the refusal to send instead.
    /// </summary>
    Task<TerminalTarget> LocateAsync(WorkspaceRef workspace, CancellationToken cancellationToken);

    /// <summary>Runs the terminal pipeline's stages without a user and reports where it breaks.</summary>
    Task<TerminalDiagnosis> DiagnoseAsync(WorkspaceRef workspace, CancellationToken cancellationToken);
}
