using System.Formats.Tar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Files.Archive;
using Molecule.Files.ChatUploads;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Files.ReplaceFiles;
using Molecule.Kernel.Workspaces;

namespace Molecule.Files.Backends;

/// <summary>
/// Files of a Docker workspace, through its running container: the engine's archive API for
/// reading and writing (binary-safe, no shell), exec with argv arrays for listing and removing.
/// When the container is not running, <c>/configs</c> is still writable through the config volume
/// (<see cref="DockerConfigVolume"/>); everything else needs the container.
/// </summary>
internal sealed class DockerFilesBackend(
    IDockerEngine docker,
    DockerRunningContainers containers,
    DockerConfigVolume configVolume,
    IOptions<FilesOptions> options,
    TimeProvider clock,
    ILogger<DockerFilesBackend> logger) : IFilesBackend
{
    public const string ContainerSource = "container";
    public const string Unreachable = "docker not available";

    private const string RootUser = "0";
    private const int MaxLinkHops = 8;
    private static readonly string ConfigPath = FileRoots.Join(FileRoots.Configs, GeneratedConfig.FileName);

    public async Task<IReadOnlyList<FileEntry>?> ListAsync(WorkspaceRef workspace, string directory, int depth, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            if (await containers.FindAsync(workspace.Id, timeout.Token) is not { } container)
            {
                return null;
            }

            var listing = await docker.RunExecAsync(
                container,
                new DockerExecSpec { Cmd = DockerFindListing.Command(directory, depth), User = RootUser },
                cancellationToken: timeout.Token);
            return DockerFindListing.Parse(listing.StdoutText, directory, listing.Truncated);
        }
        catch (Exception exception) when (IsEngineFailure(exception, cancellationToken))
        {
            logger.ListFailed(workspace.Id, directory, exception.Message);
            return null;
        }
    }

    public async Task<OpenFileResult> OpenAsync(WorkspaceRef workspace, string absolutePath, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            if (await containers.FindAsync(workspace.Id, timeout.Token) is not { } container)
            {
                return OpenFileResult.NotRunning;
            }

            var path = absolutePath;
            for (var hop = 0; hop <= MaxLinkHops; hop++)
            {
                DockerArchive archive;
                try
                {
                    archive = await docker.GetArchiveAsync(container, path, timeout.Token);
                }
                catch (DockerNotFoundException)
                {
                    return OpenFileResult.NotFound;
                }

                if (!archive.Stat.IsSymlink)
                {
                    return await ReadSingleFileAsync(archive, timeout.Token);
                }

                // The engine hands out a link itself, not what it points to: follow it, but only within the roots.
                var target = archive.Stat.LinkTarget is { } link ? DockerContainerPaths.ResolveLink(path, link) : null;
                await archive.DisposeAsync();
                if (target is null)
                {
                    return OpenFileResult.NotRegularFile;
                }

                path = target;
            }

            return OpenFileResult.NotRegularFile;
        }
        catch (Exception exception) when (IsEngineFailure(exception, cancellationToken))
        {
            logger.OpenFailed(workspace.Id, absolutePath, exception.Message);
            return OpenFileResult.Unavailable;
        }
    }

    public async Task<FilesOutcome> WriteAsync(WorkspaceRef workspace, FileBatch batch, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            if (await containers.FindAsync(workspace.Id, timeout.Token) is { } container)
            {
                var files = await FilesToWriteAsync(docker, container, batch, timeout.Token);
                await using var tar = await FilesTar.ToMemoryAsync(files, clock.GetUtcNow(), timeout.Token);
                await docker.PutArchiveAsync(container, batch.Root, tar, timeout.Token);
                return FilesOutcome.Done(ContainerSource);
            }

            return batch.Root == FileRoots.Configs
                ? await configVolume.WriteAsync(workspace.Id, batch, timeout.Token)
                : FilesOutcome.NotRunning;
        }
        catch (Exception exception) when (IsEngineFailure(exception, cancellationToken))
        {
            return Failure("write", workspace, exception);
        }
    }

    public async Task<FilesOutcome> DeleteAsync(WorkspaceRef workspace, string root, string relativePath, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            if (await containers.FindAsync(workspace.Id, timeout.Token) is not { } container)
            {
                return root == FileRoots.Configs
                    ? await configVolume.DeleteAsync(workspace.Id, relativePath, timeout.Token)
                    : FilesOutcome.NotRunning;
            }

            var removal = await docker.RunExecAsync(
                container,
                new DockerExecSpec { Cmd = ["rm", "-rf", "--", FileRoots.Join(root, relativePath)], User = RootUser },
                cancellationToken: timeout.Token);
            return removal.ExitCode == 0
                ? FilesOutcome.Done(ContainerSource)
                : FilesOutcome.Failed(FirstLine(removal.StderrText) ?? $"rm exited with status {removal.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}");
        }
        catch (Exception exception) when (IsEngineFailure(exception, cancellationToken))
        {
            return Failure("delete", workspace, exception);
        }
    }

    public async Task<FilesOutcome> StageChatUploadsAsync(WorkspaceRef workspace, IReadOnlyList<ArchiveFile> files, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            if (await containers.FindAsync(workspace.Id, timeout.Token) is not { } container)
            {
                return FilesOutcome.NotRunning;
            }

            // As the container's own user, so the agent owns the directory; when that fails the
            // engine still creates it (as root) while unpacking.
            await docker.RunExecAsync(
                container,
                new DockerExecSpec { Cmd = ["mkdir", "-p", UploadNames.Directory] },
                cancellationToken: timeout.Token);

            await using var tar = TemporaryFile();
            var entries = files.Select(file => file with { Name = $"{UploadNames.RelativeDirectory}/{file.Name}" });
            await FilesTar.WriteAsync(tar, entries, clock.GetUtcNow(), timeout.Token);
            tar.Position = 0;
            await docker.PutArchiveAsync(container, UploadNames.Root, tar, timeout.Token);
            return FilesOutcome.Done(ContainerSource);
        }
        catch (Exception exception) when (IsEngineFailure(exception, cancellationToken))
        {
            return Failure("chat upload", workspace, exception);
        }
    }

    /// <summary>The batch's files, plus its generated config.yaml when <paramref name="container"/> has none.</summary>
    internal static async Task<IReadOnlyList<ArchiveFile>> FilesToWriteAsync(IDockerEngine docker, string container, FileBatch batch, CancellationToken cancellationToken)
    {
        if (batch.ConfigIfMissing is not { } config || batch.Root != FileRoots.Configs)
        {
            return batch.Files;
        }

        try
        {
            await docker.StatPathAsync(container, ConfigPath, cancellationToken);
            return batch.Files;
        }
        catch (DockerNotFoundException)
        {
            return [.. batch.Files, ArchiveFile.FromBytes(GeneratedConfig.FileName, config)];
        }
    }

    private static async Task<OpenFileResult> ReadSingleFileAsync(DockerArchive archive, CancellationToken cancellationToken)
    {
        if (!archive.Stat.IsRegularFile)
        {
            await archive.DisposeAsync();
            return OpenFileResult.NotRegularFile;
        }

        var reader = new TarReader(archive.Tar, leaveOpen: true);
        var owner = new ArchiveReading(reader, archive);
        try
        {
            var entry = await FilesTar.ReadFirstEntryAsync(reader, cancellationToken);
            if (entry is null || !FilesTar.IsRegularFile(entry))
            {
                await owner.DisposeAsync();
                return OpenFileResult.NotRegularFile;
            }

            return new OpenFileResult(OpenFileStatus.Opened, new OpenedFile(archive.Stat.Name, entry.Length, entry.DataStream ?? Stream.Null, owner));
        }
        catch
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    private FilesOutcome Failure(string operation, WorkspaceRef workspace, Exception exception)
    {
        logger.OperationFailed(operation, workspace.Id, exception.Message);
        return exception switch
        {
            DockerUnavailableException => FilesOutcome.Unavailable(Unreachable),
            DockerApiException api => FilesOutcome.Failed(api.EngineMessage),
            _ => FilesOutcome.Failed($"timed out after {options.Value.DockerTimeoutSeconds}s"),
        };
    }

    private static bool IsEngineFailure(Exception exception, CancellationToken callerToken) =>
        exception is DockerException || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DockerTimeout);
        return timeout;
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

    // Uploads may be private: the spooled tar is readable by this process only, and gone on close.
    private static FileStream TemporaryFile()
    {
        var spool = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            spool.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Path.GetTempPath(), "molecule-upload-" + Path.GetRandomFileName()), spool);
    }

    /// <summary>Keeps the tar reader and the engine's response alive while the caller reads the file.</summary>
    private sealed class ArchiveReading(TarReader reader, DockerArchive archive) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await archive.DisposeAsync();
        }
    }
}
