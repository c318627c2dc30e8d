using Microsoft.Extensions.DependencyInjection;
using Molecule.Files.Backends;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Http;

/// <summary>A workspace row and the files backend its row dispatches to (ARCHITECTURE.md §3).</summary>
internal sealed record FilesWorkspace(WorkspaceRef Row, IFilesBackend Backend);

internal sealed class FilesWorkspaces(IWorkspaceDirectory directory, IServiceProvider services)
{
    /// <summary>Null when <paramref name="id"/> is not a UUID or has no row (removed rows count as rows).</summary>
    public async Task<FilesWorkspace?> FindAsync(string id, CancellationToken cancellationToken) =>
        RouteIds.TryParse(id, out var workspaceId) ? await FindAsync(workspaceId, cancellationToken) : null;

    public async Task<FilesWorkspace?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await directory.FindAsync(id, cancellationToken) is { } row
            ? new FilesWorkspace(row, services.ForWorkspace<IFilesBackend>(row))
            : null;
}
