using Molecule.Files.Archive;
using Molecule.Files.Http;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Backends;

/// <summary>
/// Files of EC2 workspaces (reached over EC2 Instance Connect) are not built yet: every operation
/// answers the one "not available on this backend" 501. Never falls back to a template: the
/// instance's real files would silently differ from what the caller sees.
/// </summary>
internal sealed class Ec2FilesBackend : IFilesBackend
{
    public const string Listing = "listing files";
    public const string Reading = "reading files";
    public const string Writing = "writing files";
    public const string Deleting = "deleting files";
    public const string ChatUploads = "chat uploads";

    public Task<IReadOnlyList<FileEntry>?> ListAsync(WorkspaceRef workspace, string directory, int depth, CancellationToken cancellationToken) =>
        throw NotAvailable(Listing);

    public Task<OpenFileResult> OpenAsync(WorkspaceRef workspace, string absolutePath, CancellationToken cancellationToken) =>
        throw NotAvailable(Reading);

    public Task<FilesOutcome> WriteAsync(WorkspaceRef workspace, FileBatch batch, CancellationToken cancellationToken) =>
        throw NotAvailable(Writing);

    public Task<FilesOutcome> DeleteAsync(WorkspaceRef workspace, string root, string relativePath, CancellationToken cancellationToken) =>
        throw NotAvailable(Deleting);

    public Task<FilesOutcome> StageChatUploadsAsync(WorkspaceRef workspace, IReadOnlyList<ArchiveFile> files, CancellationToken cancellationToken) =>
        throw NotAvailable(ChatUploads);

    private static BackendNotAvailableException NotAvailable(string operation) => new(operation, Backend.Ec2);
}
