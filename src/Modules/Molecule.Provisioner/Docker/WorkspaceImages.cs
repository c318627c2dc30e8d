using Microsoft.Extensions.Logging;
using Molecule.Docker;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// Makes sure a workspace's image is on the host before its container is created: a missing image
/// is pulled (anonymously, as the reference does at provision time) with progress events. A failed
/// pull is only logged; the create that follows reports the missing image with what to do.
/// </summary>
internal sealed partial class WorkspaceImages(IDockerEngine engine, ProvisionProgress progress, TimeProvider clock, ILogger<WorkspaceImages> logger)
{
    private static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);

    public async Task EnsureAsync(Guid workspaceId, string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.InspectImageAsync(image, cancellationToken);
            return;
        }
        catch (DockerNotFoundException)
        {
        }

        await progress.PullingAsync(workspaceId, image, cancellationToken);
        var tracker = new PullProgress(image, clock, UpdateInterval);
        var updates = new List<Task>();
        try
        {
            await engine.PullImageAsync(
                image,
                progress: line =>
                {
                    if (tracker.Observe(line) is { } snapshot)
                    {
                        updates.Add(progress.PullUpdateAsync(workspaceId, snapshot, cancellationToken));
                    }
                },
                cancellationToken: cancellationToken);
            updates.Add(progress.PullUpdateAsync(workspaceId, tracker.Snapshot(), cancellationToken));
            LogPulled(image);
        }
        catch (DockerApiException exception)
        {
            LogPullFailed(image, exception.EngineMessage);
        }

        await Task.WhenAll(updates);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "pulled workspace image {Image}")]
    private partial void LogPulled(string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pulling workspace image {Image} failed: {Error}")]
    private partial void LogPullFailed(string image, string error);
}
