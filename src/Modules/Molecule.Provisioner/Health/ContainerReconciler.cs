using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Provisioner.Docker;

namespace Molecule.Provisioner.Health;

/// <summary>What one reconcile pass changed.</summary>
internal sealed record ReconcileOutcome(
    IReadOnlyList<string> RemovedContainers, IReadOnlyList<string> RemovedVolumes, IReadOnlyList<Guid> MarkedOffline)
{
    public static readonly ReconcileOutcome Nothing = new([], [], []);
}

/// <summary>
/// Compares the engine with the database at start and then periodically (the reference's orphan
/// sweeper and health sweep in one): containers and volumes this server labelled whose workspace is
/// gone or removed are removed; Docker workspaces that claim a live agent but have no running
/// container go offline and are auto-restarted. Only what is older than a minimum age is judged,
/// so a pass never races a workspace being created. With no engine reachable a pass changes nothing.
/// </summary>
internal sealed partial class ContainerReconciler(
    IDockerEngine engine,
    WorkspaceHealthWrites rows,
    WorkspaceResources resources,
    ContainerOperations operations,
    BackgroundRestarts restarts,
    IOptions<DockerProvisionerOptions> options,
    TimeProvider clock,
    ILogger<ContainerReconciler> logger) : BackgroundService
{
    public const string Source = "reconcile";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
        do
        {
            try
            {
                await ReconcileOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<ReconcileOutcome> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var filter = DockerLabels.Filter(options.Value.ParsedExtraLabels);
        IReadOnlyList<DockerContainerSummary> containers;
        IReadOnlyList<DockerVolume> volumes;
        try
        {
            containers = await engine.ListContainersAsync(filter, includeStopped: true, cancellationToken);
            volumes = await engine.ListVolumesAsync(filter, cancellationToken);
        }
        catch (DockerUnavailableException)
        {
            return ReconcileOutcome.Nothing;
        }

        var settled = clock.GetUtcNow() - options.Value.ReconcileMinAge;
        var owned = containers.Select(container => (Container: container, Owner: Owner(container))).Where(pair => pair.Owner is not null).ToList();
        var known = await rows.ReadManyAsync(
            [.. owned.Select(pair => pair.Owner!.Id).OfType<Guid>(), .. volumes.Select(volume => DockerLabels.WorkspaceOf(volume.Labels)).OfType<Guid>()],
            [.. owned.Select(pair => pair.Owner!.Prefix)],
            cancellationToken);

        var removedContainers = await RemoveOrphanContainersAsync([.. owned.Where(pair => pair.Container.Created <= settled)], known, cancellationToken);
        var removedVolumes = await RemoveOrphanVolumesAsync([.. volumes.Where(volume => volume.CreatedAt is { } created && created <= settled)], owned, known, cancellationToken);
        var offline = await CorrectDeadClaimsAsync(owned, settled, cancellationToken);
        return new ReconcileOutcome(removedContainers, removedVolumes, offline);
    }

    private async Task<List<string>> RemoveOrphanContainersAsync(
        List<(DockerContainerSummary Container, ContainerOwner? Owner)> owned, IReadOnlyList<WorkspaceHealthRow> known, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var (container, owner) in owned)
        {
            var row = owner!.Id is { } id ? known.FirstOrDefault(r => r.Id == id) : known.FirstOrDefault(r => r.Id.ToString("D").StartsWith(owner.Prefix, StringComparison.Ordinal));
            var workspaceId = row?.Id ?? owner.Id;
            if ((row is not null && row.Status != "removed") || (workspaceId is { } busy && operations.IsBusy(busy)))
            {
                continue;
            }

            using var operation = workspaceId is { } marked ? operations.Begin(marked) : null;
            await resources.RemoveContainerAsync(container.Id, cancellationToken);
            if (workspaceId is { } orphan)
            {
                await resources.RemoveVolumesAsync(orphan, cancellationToken);
            }

            var name = ContainerName(container);
            removed.Add(name);
            LogOrphanRemoved(name, row is null ? "has no workspace" : "belongs to a removed workspace");
        }

        return removed;
    }

    /// <summary>Volumes left behind by a workspace that is gone (a delete while the engine was away).</summary>
    private async Task<List<string>> RemoveOrphanVolumesAsync(
        IReadOnlyList<DockerVolume> volumes,
        List<(DockerContainerSummary Container, ContainerOwner? Owner)> owned,
        IReadOnlyList<WorkspaceHealthRow> known,
        CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var volume in volumes)
        {
            if (DockerLabels.WorkspaceOf(volume.Labels) is not { } workspaceId
                || known.Any(row => row.Id == workspaceId && row.Status != "removed")
                || owned.Any(pair => pair.Owner!.Id == workspaceId)
                || operations.IsBusy(workspaceId))
            {
                continue;
            }

            try
            {
                await resources.RemoveVolumeAsync(volume.Name, cancellationToken);
                removed.Add(volume.Name);
            }
            catch (DockerConflictException)
            {
                // Still mounted by a container that is not ours to judge.
            }
        }

        return removed;
    }

    private async Task<List<Guid>> CorrectDeadClaimsAsync(
        List<(DockerContainerSummary Container, ContainerOwner? Owner)> owned, DateTimeOffset settled, CancellationToken cancellationToken)
    {
        var offline = new List<Guid>();
        foreach (var workspaceId in await rows.LiveDockerWorkspacesAsync(settled, cancellationToken))
        {
            if (operations.IsBusy(workspaceId) || await IsRunningAsync(workspaceId, owned, cancellationToken))
            {
                continue;
            }

            var name = WorkspaceContainers.ContainerName(workspaceId);
            if (!await rows.MarkOfflineAsync(workspaceId, $"container {name} is not running", new JsonObject { ["source"] = Source }, cancellationToken))
            {
                continue;
            }

            offline.Add(workspaceId);
            LogDeadClaim(workspaceId, name);
            restarts.Request(workspaceId, $"container {name} is not running");
        }

        return offline;
    }

    /// <summary>Running or being restarted by the engine; containers without our labels are looked up by name.</summary>
    private async Task<bool> IsRunningAsync(
        Guid workspaceId, List<(DockerContainerSummary Container, ContainerOwner? Owner)> owned, CancellationToken cancellationToken)
    {
        var listed = owned.Where(pair => pair.Owner!.Id == workspaceId || (pair.Owner.Id is null && workspaceId.ToString("D").StartsWith(pair.Owner.Prefix, StringComparison.Ordinal))).ToList();
        if (listed.Count > 0)
        {
            return listed.Any(pair => pair.Container.State is "running" or "restarting");
        }

        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            try
            {
                var container = await engine.InspectContainerAsync(name, cancellationToken);
                return container.State.IsRunning || container.State.Restarting;
            }
            catch (DockerNotFoundException)
            {
            }
        }

        return false;
    }

    /// <summary>The workspace a container belongs to: its label, else the id prefix in a <c>ws-</c> name.</summary>
    private static ContainerOwner? Owner(DockerContainerSummary container)
    {
        if (DockerLabels.WorkspaceOf(container.Labels) is { } id)
        {
            return new ContainerOwner(id, id.ToString("D")[..12]);
        }

        var match = NamedWorkspace().Match(ContainerName(container));
        return match.Success ? new ContainerOwner(null, match.Groups[1].Value.ToLowerInvariant()) : null;
    }

    private static string ContainerName(DockerContainerSummary container) =>
        container.Names.FirstOrDefault()?.TrimStart('/') ?? container.Id;

    [GeneratedRegex("^ws-([0-9a-fA-F]{8}-[0-9a-fA-F]{3})")]
    private static partial Regex NamedWorkspace();

    private sealed record ContainerOwner(Guid? Id, string Prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed container {Container}: it {Reason}")]
    private partial void LogOrphanRemoved(string container, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId} claims a live agent but container {Container} is not running; marked offline")]
    private partial void LogDeadClaim(Guid workspaceId, string container);

    [LoggerMessage(Level = LogLevel.Error, Message = "container reconcile pass failed")]
    private partial void LogPassFailed(Exception exception);
}
