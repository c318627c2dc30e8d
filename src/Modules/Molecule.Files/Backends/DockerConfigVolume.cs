using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Files.Archive;
using Molecule.Files.Paths;

namespace Molecule.Files.Backends;

/// <summary>
/// Reaches a stopped workspace's <c>/configs</c>: its config volume, mounted in a short-lived helper
/// container of <c>FILES_HELPER_IMAGE</c> (never pulled). Writes need no process at all (the engine
/// unpacks into a created container); deletes run <c>rm</c> as an argv array. The helper is always
/// removed.
/// </summary>
internal sealed class DockerConfigVolume(IDockerEngine docker, IOptions<FilesOptions> options, TimeProvider clock, ILogger<DockerConfigVolume> logger)
{
    public const string Source = "volume";

    /// <summary>Marks helper containers (value: the workspace id) so an operator can tell them apart.</summary>
    public const string HelperLabel = "molecule.files.helper";

    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Writes the batch into the volume, creating the volume (labelled) if the workspace never ran.</summary>
    public async Task<FilesOutcome> WriteAsync(Guid workspaceId, FileBatch batch, CancellationToken cancellationToken)
    {
        var volume = WorkspaceContainers.ConfigVolume(workspaceId);
        await docker.CreateVolumeAsync(volume, WorkspaceContainers.Labels(workspaceId), cancellationToken);
        var helper = await CreateHelperAsync(workspaceId, volume, ["true"], cancellationToken);
        try
        {
            var files = await DockerFilesBackend.FilesToWriteAsync(docker, helper, batch, cancellationToken);
            await using var tar = await FilesTar.ToMemoryAsync(files, clock.GetUtcNow(), cancellationToken);
            await docker.PutArchiveAsync(helper, FileRoots.Configs, tar, cancellationToken);
            logger.WroteThroughVolume(workspaceId, "write");
            return FilesOutcome.Done(Source);
        }
        finally
        {
            await RemoveHelperAsync(helper);
        }
    }

    /// <summary>Removes <c>/configs/relativePath</c> from the volume; no volume means nothing to remove.</summary>
    public async Task<FilesOutcome> DeleteAsync(Guid workspaceId, string relativePath, CancellationToken cancellationToken)
    {
        var volume = WorkspaceContainers.ConfigVolume(workspaceId);
        try
        {
            await docker.InspectVolumeAsync(volume, cancellationToken);
        }
        catch (DockerNotFoundException)
        {
            return FilesOutcome.Done(Source);
        }

        var helper = await CreateHelperAsync(workspaceId, volume, ["rm", "-rf", "--", FileRoots.Join(FileRoots.Configs, relativePath)], cancellationToken);
        try
        {
            await docker.StartContainerAsync(helper, cancellationToken);
            var exit = await docker.WaitContainerAsync(helper, DockerWaitCondition.NotRunning, cancellationToken);
            logger.WroteThroughVolume(workspaceId, "delete");
            return exit.StatusCode == 0 ? FilesOutcome.Done(Source) : FilesOutcome.Failed($"rm exited with status {exit.StatusCode}");
        }
        finally
        {
            await RemoveHelperAsync(helper);
        }
    }

    private Task<string> CreateHelperAsync(Guid workspaceId, string volume, IReadOnlyList<string> cmd, CancellationToken cancellationToken) =>
        docker.CreateContainerAsync(new DockerContainerSpec
        {
            Image = options.Value.HelperImage,
            Cmd = cmd,
            Entrypoint = [""],
            Binds = [$"{volume}:{FileRoots.Configs}"],
            Labels = new Dictionary<string, string>
            {
                [WorkspaceContainers.ManagedLabel] = "true",
                [HelperLabel] = workspaceId.ToString("D"),
            },
            NetworkMode = "none",
        }, cancellationToken);

    // Runs even when the request was cancelled: a helper must not outlive its operation.
    private async Task RemoveHelperAsync(string helper)
    {
        using var timeout = new CancellationTokenSource(RemoveTimeout);
        try
        {
            await docker.RemoveContainerAsync(helper, force: true, cancellationToken: timeout.Token);
        }
        catch (Exception exception) when (exception is DockerException or OperationCanceledException)
        {
            logger.HelperNotRemoved(helper, exception.Message);
        }
    }
}
