using Molecule.Files.Archive;
using Molecule.Files.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Backends;

/// <summary>
/// A workspace's files where its compute runs, one implementation per backend (ARCHITECTURE.md §3),
/// resolved from the workspace row. Paths given here are already validated and normalised.
/// Template fallbacks are the caller's business: they do not depend on the backend.
/// </summary>
internal interface IFilesBackend
{
    /// <summary>
    /// <paramref name="directory"/> (absolute) listed to <paramref name="depth"/> levels, paths
    /// relative to it; null when the workspace's compute cannot be asked.
    /// </summary>
    Task<IReadOnlyList<FileEntry>?> ListAsync(WorkspaceRef workspace, string directory, int depth, CancellationToken cancellationToken);

    /// <summary>Opens a regular file (absolute path) for reading; symbolic links are followed while they stay under the roots.</summary>
    Task<OpenFileResult> OpenAsync(WorkspaceRef workspace, string absolutePath, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="batch"/> under its root, creating parent directories.</summary>
    Task<FilesOutcome> WriteAsync(WorkspaceRef workspace, FileBatch batch, CancellationToken cancellationToken);

    /// <summary>Removes <c>root/relativePath</c> (a directory with its contents); a missing path is not an error.</summary>
    Task<FilesOutcome> DeleteAsync(WorkspaceRef workspace, string root, string relativePath, CancellationToken cancellationToken);

    /// <summary>Puts each file, flat, under <see cref="ChatUploads.UploadNames.Directory"/>.</summary>
    Task<FilesOutcome> StageChatUploadsAsync(WorkspaceRef workspace, IReadOnlyList<ArchiveFile> files, CancellationToken cancellationToken);
}
