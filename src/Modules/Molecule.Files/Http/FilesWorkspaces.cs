using Microsoft.Extensions.DependencyInjection;
using Molecule.Files.Backends;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Http;

/// <summary>A workspace row and the files backend its row dispatches to (ARCHITECTURE.md §3).</summary>
internal sealed record FilesWorkspace(WorkspaceRef Row, IFilesBackend Backend);

internal sealed class FilesWorkspaces(IServiceProvider services)
{
    /// <summary>The row the route's filter loaded, with its backend.</summary>
    public FilesWorkspace For(WorkspaceRef row) => new(row, services.ForWorkspace<IFilesBackend>(row));
}
