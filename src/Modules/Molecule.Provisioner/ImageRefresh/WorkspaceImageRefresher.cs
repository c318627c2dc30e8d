using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Kernel.Runtimes;
using Molecule.Provisioner.Health;
using Molecule.Provisioner.Docker;

namespace Molecule.Provisioner.ImageRefresh;

/// <summary>What a refresh did: runtimes pulled or not, containers replaced.</summary>
internal sealed record ImageRefreshOutcome(IReadOnlyList<string> Pulled, IReadOnlyList<string> Failed, IReadOnlyList<string> Recreated);

/// <summary>Listing containers failed after the pulls; what was done so far is kept.</summary>
internal sealed class ContainerListException(string message, ImageRefreshOutcome partial) : Exception(message)
{
    public ImageRefreshOutcome Partial { get; } = partial;
}

/// <summary>
/// Pulls the workspace images of some runtimes (all of one 5-minute budget, as the reference) and,
/// when asked, replaces the containers running a freshly pulled image: each is removed and its
/// workspace auto-restarted, so it comes back on the new image with its volumes.
/// </summary>
internal sealed partial class WorkspaceImageRefresher(
    IDockerEngine engine,
    IRuntimeCatalog runtimes,
    WorkspaceResources resources,
    ContainerOperations operations,
    BackgroundRestarts restarts,
    IOptions<DockerProvisionerOptions> options,
    ILogger<WorkspaceImageRefresher> logger)
{
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    private const string GhcrHost = "ghcr.io";

    public async Task<ImageRefreshOutcome> RefreshAsync(IReadOnlyList<string> selected, bool recreate, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);

        var pulled = new List<string>();
        var failed = new List<string>();
        var pulledImages = new HashSet<string>(StringComparer.Ordinal);
        var failedImages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runtime in selected)
        {
            var image = runtimes.DockerImageFor(runtime);
            var ok = pulledImages.Contains(image) || (!failedImages.Contains(image) && await PullAsync(image, budget.Token, cancellationToken));
            (ok ? pulledImages : failedImages).Add(image);
            (ok ? pulled : failed).Add(runtime);
        }

        if (!recreate || pulledImages.Count == 0)
        {
            return new ImageRefreshOutcome(pulled, failed, []);
        }

        IReadOnlyList<DockerContainerSummary> containers;
        try
        {
            containers = await engine.ListContainersAsync(DockerLabels.Filter(options.Value.ParsedExtraLabels), includeStopped: true, cancellationToken);
        }
        catch (DockerException exception)
        {
            throw new ContainerListException($"container list: {exception.Message}", new ImageRefreshOutcome(pulled, failed, []));
        }

        var recreated = new List<string>();
        foreach (var container in containers)
        {
            if (await ConfiguredImageAsync(container, cancellationToken) is { } image && pulledImages.Contains(image)
                && await RecreateAsync(container, cancellationToken) is { } name)
            {
                recreated.Add(name);
            }
        }

        return new ImageRefreshOutcome(pulled, failed, recreated);
    }

    /// <summary>True when the pull completed; failures (no network, unknown image, budget spent) are logged.</summary>
    private async Task<bool> PullAsync(string image, CancellationToken budget, CancellationToken caller)
    {
        try
        {
            await engine.PullImageAsync(image, RegistryAuthFor(image), cancellationToken: budget);
            LogPulled(image);
            return true;
        }
        catch (DockerException exception)
        {
            LogPullFailed(image, exception.Message);
            return false;
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            LogPullFailed(image, $"the refresh's {Budget.TotalMinutes:0}-minute budget ran out");
            return false;
        }
    }

    /// <summary>
    /// The image the container was created from, by name: the list shows an id instead once a pull
    /// has moved the tag, which is exactly the case that matters here.
    /// </summary>
    private async Task<string?> ConfiguredImageAsync(DockerContainerSummary container, CancellationToken cancellationToken)
    {
        try
        {
            return (await engine.InspectContainerAsync(container.Id, cancellationToken)).Image;
        }
        catch (DockerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes the container and restarts its workspace when its status allows; returns the container's name.</summary>
    private async Task<string?> RecreateAsync(DockerContainerSummary container, CancellationToken cancellationToken)
    {
        var name = container.Names.FirstOrDefault()?.TrimStart('/') ?? container.Id;
        var workspaceId = DockerLabels.WorkspaceOf(container.Labels);
        try
        {
            using (workspaceId is { } id ? operations.Begin(id) : null)
            {
                await resources.RemoveContainerAsync(container.Id, cancellationToken);
            }
        }
        catch (DockerException exception)
        {
            LogRecreateFailed(name, exception.Message);
            return null;
        }

        // A paused or hibernated workspace gets the new image when it next starts.
        if (workspaceId is { } workspace)
        {
            restarts.Request(workspace, "workspace image refreshed");
        }

        LogRecreated(name);
        return name;
    }

    private DockerRegistryAuth? RegistryAuthFor(string image) =>
        options.Value.GhcrAuth is { } auth && image.StartsWith(GhcrHost + "/", StringComparison.Ordinal)
            ? new DockerRegistryAuth(auth.User, auth.Token, GhcrHost)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "refreshed workspace image {Image}")]
    private partial void LogPulled(string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "refreshing workspace image {Image} failed: {Error}")]
    private partial void LogPullFailed(string image, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed container {Container} to recreate it on its refreshed image")]
    private partial void LogRecreated(string container);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove container {Container} for recreation: {Error}")]
    private partial void LogRecreateFailed(string container, string error);
}
