using Molecule.Files.Archive;
using Molecule.Files.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Backends;

/// <summary>
/// Files of EC2 workspaces (reached over EC2 Instance Connect) are not built yet: every operation
/// refuses, and the routes answer 501. Never falls back to a template: the instance's real files
/// would silently differ from what the caller sees.
/// </summary>
internal sealed class Ec2FilesBackend : IFilesBackend
{
    public Task<IReadOnlyList<FileEntry>?> ListAsync(WorkspaceRef workspace, string directory, int depth, CancellationToken cancellationToken) =>
        throw new BackendNotBuiltException();

    public Task<OpenFileResult> OpenAsync(WorkspaceRef workspace, string absolutePath, CancellationToken cancellationToken) =>
        throw new BackendNotBuiltException();

    public Task<FilesOutcome> WriteAsync(WorkspaceRef workspace, FileBatch batch, CancellationToken cancellationToken) =>
        throw new BackendNotBuiltException();

    public Task<FilesOutcome> DeleteAsync(WorkspaceRef workspace, string root, string relativePath, CancellationToken cancellationToken) =>
        throw new BackendNotBuiltException();

    public Task<FilesOutcome> StageChatUploadsAsync(WorkspaceRef workspace, IReadOnlyList<ArchiveFile> files, CancellationToken cancellationToken) =>
        throw new BackendNotBuiltException();
}
