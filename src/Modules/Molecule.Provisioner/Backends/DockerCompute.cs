using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Runtimes;
using Molecule.Kernel.Workspaces;
using Molecule.Provisioner.Docker;

namespace Molecule.Provisioner.Backends;

/// <summary>
/// Runs a workspace as a local Docker container (spec/backends.md §1.1–1.4). A start creates the
/// volumes, replaces any old container, pulls a missing image, rotates the workspace's token and
/// puts it — with the template and a generated config.yaml when the volume has none — into
/// <c>/configs</c> before the agent starts, so the agent never sees a stale token. Stop keeps the
/// container and volumes; delete removes both, the workspace volume included.
/// </summary>
internal sealed partial class DockerCompute(
    IDockerEngine engine,
    IRuntimeCatalog runtimes,
    IWorkspaceTokens tokens,
    WorkspaceSettingsReader rows,
    PlatformUrlResolver platformUrl,
    WorkspaceImages images,
    WorkspaceResources resources,
    ProvisionProgress progress,
    ContainerOperations operations,
    IOptions<DockerProvisionerOptions> options,
    TimeProvider clock,
    ILogger<DockerCompute> logger) : IWorkspaceCompute
{
    private const int PublishedPortLookups = 3;
    private static readonly TimeSpan PublishedPortRetryDelay = TimeSpan.FromMilliseconds(500);

    public async Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace;
        using var operation = operations.Begin(workspace.Id);
        try
        {
            if (await ReachEngineAsync(cancellationToken) is { } unreachable)
            {
                return ProvisionResult.Failed(unreachable);
            }

            var plan = await PlanAsync(request, cancellationToken);
            var resetSession = ContainerEnvironment.ResetsSession(request.ResetConfig, request.Environment);
            if (await CreateVolumesAsync(workspace.Id, plan.Mounts, resetSession, cancellationToken) is { } volumeError)
            {
                return ProvisionResult.Failed(volumeError);
            }

            await resources.RemoveContainersAsync(workspace.Id, cancellationToken);
            await images.EnsureAsync(workspace.Id, plan.Container.Spec.Image, cancellationToken);
            await progress.CreatingAsync(workspace.Id, plan.Container.Spec.Image, cancellationToken);
            var (containerId, createError) = await CreateContainerAsync(workspace, plan.Container, cancellationToken);
            if (containerId is null)
            {
                return ProvisionResult.Failed(createError!);
            }

            if (await ConfigureAndStartAsync(request, plan, containerId, cancellationToken) is { } startError)
            {
                return ProvisionResult.Failed(startError);
            }

            var url = plan.Container.HostNetwork
                ? plan.Container.HostNetworkUrl
                : await PublishedUrlAsync(workspace.Id, containerId, plan.Container, cancellationToken);
            LogStarted(workspace.Id, WorkspaceContainers.ContainerName(workspace.Id), plan.Container.Spec.Image);
            return new ProvisionResult(true, url, null, null);
        }
        catch (DockerUnavailableException exception)
        {
            return ProvisionResult.Failed(StartErrors.EngineUnavailable(exception.Message));
        }
        catch (DockerApiException exception)
        {
            return ProvisionResult.Failed($"Docker engine error: {exception.EngineMessage}");
        }
        catch (TemplateTooLargeException exception)
        {
            return ProvisionResult.Failed(exception.Message);
        }
    }

    public async Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        using var operation = operations.Begin(workspace.Id);
        await RunAsync(workspace, "stop", () => resources.StopContainersAsync(workspace.Id, cancellationToken));
    }

    public async Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        using var operation = operations.Begin(workspace.Id);
        await RunAsync(workspace, "delete", async () =>
        {
            await resources.RemoveContainersAsync(workspace.Id, cancellationToken);
            await resources.RemoveVolumesAsync(workspace.Id, cancellationToken);
        });
    }

    public async Task<bool> IsRunningAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspace.Id))
        {
            try
            {
                return (await engine.InspectContainerAsync(name, cancellationToken)).State.IsRunning;
            }
            catch (DockerNotFoundException)
            {
                // try the next name the container may have
            }
            catch (DockerException)
            {
                return true; // the engine cannot say: assume alive rather than restart a healthy agent
            }
        }

        return false;
    }

    /// <summary>Null when the engine answers within the bound; else why the workspace cannot start.</summary>
    private async Task<string?> ReachEngineAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.EngineTimeout);
        try
        {
            await engine.PingAsync(bounded.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StartErrors.EngineSilent(engine.Endpoint, options.Value.EngineTimeout);
        }
    }

    private async Task<StartPlan> PlanAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace;
        var docker = options.Value;
        var row = await rows.ReadAsync(workspace.Id, cancellationToken);
        var tier = TierLimits.For(workspace.Tier, docker.TierOverrides);
        var hostNetwork = docker.UsesHostNetwork || tier.HostNetwork;
        var environment = ContainerEnvironment.Build(new ContainerEnvironmentInput(
            workspace.Id,
            workspace.Name,
            workspace.Runtime,
            workspace.Tier,
            platformUrl.For(hostNetwork),
            request.Environment,
            row.Role,
            row.Model,
            row.AwarenessNamespace,
            docker.AwarenessUrl));
        var mounts = WorkspaceMounts.For(
            workspace.Id, workspace.Runtime, tier, row.WorkspaceDir ?? docker.WorkspaceDir, row.WorkspaceAccess, EngineSocketPath());
        var container = ContainerPlan.For(
            workspace.Id,
            runtimes.DockerImageFor(workspace.Runtime),
            environment,
            mounts,
            tier,
            docker.EffectiveNetwork,
            docker.ParsedExtraLabels,
            addHostGatewayAlias: !platformUrl.IsConfigured);
        return new StartPlan(container, mounts, tier, row);
    }

    private async Task<string?> CreateVolumesAsync(Guid workspaceId, WorkspaceMounts mounts, bool resetSession, CancellationToken cancellationToken)
    {
        var sessions = WorkspaceContainers.SessionsVolume(workspaceId);
        if (resetSession && mounts.Volumes.Contains(sessions))
        {
            await resources.RemoveContainersAsync(workspaceId, cancellationToken);
            try
            {
                await resources.RemoveVolumeAsync(sessions, cancellationToken);
            }
            catch (DockerApiException exception)
            {
                LogSessionResetFailed(workspaceId, exception.EngineMessage);
            }
        }

        var labels = DockerLabels.For(workspaceId, options.Value.ParsedExtraLabels);
        foreach (var volume in mounts.Volumes)
        {
            try
            {
                await engine.CreateVolumeAsync(volume, labels, cancellationToken);
            }
            catch (DockerApiException exception)
            {
                return StartErrors.Volume(volume, exception.EngineMessage);
            }
        }

        return null;
    }

    /// <summary>The new container's id, or why it could not be created.</summary>
    private async Task<(string? Id, string? Error)> CreateContainerAsync(WorkspaceRef workspace, ContainerPlan plan, CancellationToken cancellationToken)
    {
        var spec = plan.Spec;
        try
        {
            try
            {
                return (await engine.CreateContainerAsync(spec, cancellationToken), null);
            }
            catch (DockerApiException exception) when (StartErrors.MaxNanoCpus(exception) is { } hostMaximum && hostMaximum < spec.NanoCpus)
            {
                // The tier asks for more CPUs than this host has: cap at what it has.
                LogCpuCapped(workspace.Id, hostMaximum / 1_000_000_000d);
                return (await engine.CreateContainerAsync(spec with { NanoCpus = hostMaximum }, cancellationToken), null);
            }
        }
        catch (DockerApiException exception) when (StartErrors.IsMissingImage(exception))
        {
            return (null, StartErrors.ImageMissing(spec.Image, workspace.Runtime, exception.EngineMessage));
        }
        catch (DockerApiException exception) when (spec.NetworkMode is { } network && StartErrors.IsMissingNetwork(exception, network))
        {
            return (null, StartErrors.NetworkMissing(network, exception.EngineMessage));
        }
        catch (DockerApiException exception)
        {
            return (null, StartErrors.Create(exception.EngineMessage));
        }
    }

    /// <summary>Writes /configs, then starts the container; on failure removes it and says why.</summary>
    private async Task<string?> ConfigureAndStartAsync(ProvisionRequest request, StartPlan plan, string containerId, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace;
        try
        {
            var generated = await ConfigFilesAsync(request, plan.Row, containerId, cancellationToken);

            // Rotation happens only once a container exists to receive the token: every older
            // token dies, and the agent reads the new one at its first start.
            await tokens.RevokeAllAsync([workspace.Id], cancellationToken);
            var token = await tokens.IssueAsync(workspace.Id, cancellationToken);
            await using (var tar = ConfigArchive.Build(request.Template, generated, token, clock.GetUtcNow()))
            {
                await engine.PutArchiveAsync(containerId, WorkspaceMounts.ConfigsPath, tar, cancellationToken);
            }

            await progress.StartingAsync(workspace.Id, WorkspaceContainers.ContainerName(workspace.Id), cancellationToken);
            await engine.StartContainerAsync(containerId, cancellationToken);
            return null;
        }
        catch (DockerApiException exception)
        {
            await RemoveQuietlyAsync(containerId);
            return StartErrors.Start(exception.EngineMessage, plan.Tier);
        }
        catch
        {
            await RemoveQuietlyAsync(containerId);
            throw;
        }
    }

    /// <summary>A generated config.yaml when neither the template nor the config volume has one.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ConfigFilesAsync(
        ProvisionRequest request, WorkspaceContainerSettings row, string containerId, CancellationToken cancellationToken)
    {
        if (ConfigArchive.TemplateHasConfig(request.Template))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            await engine.StatPathAsync(containerId, $"{WorkspaceMounts.ConfigsPath}/config.yaml", cancellationToken);
            return new Dictionary<string, string>();
        }
        catch (DockerNotFoundException)
        {
            var workspace = request.Workspace;
            return new Dictionary<string, string>
            {
                ["config.yaml"] = GeneratedConfig.Render(workspace.Name, row.Role, workspace.Tier, runtimes.Sanitize(workspace.Runtime), row.Model),
            };
        }
    }

    /// <summary>The loopback port the engine published for the agent, else the name on the network.</summary>
    private async Task<string> PublishedUrlAsync(Guid workspaceId, string containerId, ContainerPlan plan, CancellationToken cancellationToken)
    {
        for (var lookup = 0; lookup < PublishedPortLookups; lookup++)
        {
            if (lookup > 0)
            {
                await Task.Delay(PublishedPortRetryDelay, clock, cancellationToken);
            }

            try
            {
                var container = await engine.InspectContainerAsync(containerId, cancellationToken);
                if (container.PublishedPorts.FirstOrDefault(port => port.ContainerPort == plan.PublishedPort && !string.IsNullOrEmpty(port.HostPort)) is { } published)
                {
                    var host = string.IsNullOrEmpty(published.HostIp) || published.HostIp == "0.0.0.0" ? "127.0.0.1" : published.HostIp;
                    return $"http://{host}:{published.HostPort}";
                }
            }
            catch (DockerApiException exception)
            {
                LogInspectFailed(workspaceId, exception.EngineMessage);
                break;
            }
        }

        return plan.InternalUrl(workspaceId);
    }

    /// <summary>
    /// Runs a stop or delete. With no engine socket at all there is nothing running to stop — the
    /// reconcile loop removes what is left once an engine is back; an engine that exists but does
    /// not answer is a failure the caller reports.
    /// </summary>
    private async Task RunAsync(WorkspaceRef workspace, string action, Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (DockerUnavailableException exception) when (EngineSocketPath() is { } socket && !File.Exists(socket))
        {
            LogNoEngine(workspace.Id, action, exception.Message);
        }
        catch (DockerException exception)
        {
            throw new ComputeOperationException(
                $"could not {action} container {WorkspaceContainers.ContainerName(workspace.Id)}: {exception.Message}");
        }
    }

    private async Task RemoveQuietlyAsync(string containerId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await resources.RemoveContainerAsync(containerId, timeout.Token);
        }
        catch (Exception exception) when (exception is DockerException or OperationCanceledException)
        {
            LogCleanupFailed(containerId, exception.Message);
        }
    }

    /// <summary>The engine's socket on this host (DOCKER_HOST is always a unix socket here).</summary>
    private string? EngineSocketPath() =>
        engine.Endpoint.StartsWith("unix://", StringComparison.Ordinal) ? engine.Endpoint["unix://".Length..] : null;

    private sealed record StartPlan(ContainerPlan Container, WorkspaceMounts Mounts, TierLimits Tier, WorkspaceContainerSettings Row);

    [LoggerMessage(Level = LogLevel.Information, Message = "started workspace {WorkspaceId} as container {Container} ({Image})")]
    private partial void LogStarted(Guid workspaceId, string container, string image);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: the tier's CPU cap exceeds this host; capped at {Cpus} CPUs")]
    private partial void LogCpuCapped(Guid workspaceId, double cpus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: resetting the claude-code sessions volume failed: {Error}")]
    private partial void LogSessionResetFailed(Guid workspaceId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: inspecting the new container failed: {Error}")]
    private partial void LogInspectFailed(Guid workspaceId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId}: {Action} skipped, no Docker engine here: {Error}")]
    private partial void LogNoEngine(Guid workspaceId, string action, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "removing the failed container {Container} failed: {Error}")]
    private partial void LogCleanupFailed(string container, string error);
}
