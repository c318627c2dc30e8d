using System.Globalization;
using Docker.DotNet.Models;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>The engine's own stop grace period, which it uses when no <c>t</c> is sent.</summary>
    private static readonly TimeSpan EngineDefaultStopTimeout = TimeSpan.FromSeconds(10);

    public async Task<string> CreateContainerAsync(DockerContainerSpec spec, CancellationToken cancellationToken = default)
    {
        var parameters = ContainerSpecMapping.ToParameters(spec);
        var created = await _client.CallAsync(
            "POST /containers/create", (docker, token) => docker.Containers.CreateContainerAsync(parameters, token), cancellationToken);
        DockerLog.ContainerCreated(_logger, spec.Name ?? "(unnamed)", created.ID);
        return created.ID;
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken = default) =>
        _client.CallAsync(
            $"POST /containers/{id}/start",
            (docker, token) => docker.Containers.StartContainerAsync(EngineNames.Segment(id), null, token),
            cancellationToken);

    public Task StopContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (timeout == TimeSpan.Zero)
        {
            return KillAndWaitAsync(id, cancellationToken);
        }

        var parameters = new ContainerStopParameters { WaitBeforeKillSeconds = GraceSeconds(timeout) };
        return _client.CallAsync(
            $"POST /containers/{id}/stop",
            (docker, token) => docker.Containers.StopContainerAsync(EngineNames.Segment(id), parameters, token),
            cancellationToken,
            extraTime: timeout ?? EngineDefaultStopTimeout);
    }

    public Task KillContainerAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default) =>
        _client.CallAsync(
            $"POST /containers/{id}/kill",
            (docker, token) => docker.Containers.KillContainerAsync(EngineNames.Segment(id), new ContainerKillParameters { Signal = signal }, token),
            cancellationToken);

    public async Task RestartContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (timeout == TimeSpan.Zero)
        {
            await KillAndWaitAsync(id, cancellationToken);
            await StartContainerAsync(id, cancellationToken);
            return;
        }

        var parameters = new ContainerRestartParameters { WaitBeforeKillSeconds = GraceSeconds(timeout) };
        await _client.CallAsync(
            $"POST /containers/{id}/restart",
            (docker, token) => docker.Containers.RestartContainerAsync(EngineNames.Segment(id), parameters, token),
            cancellationToken,
            extraTime: timeout ?? EngineDefaultStopTimeout);
    }

    public async Task RemoveContainerAsync(string id, bool force = false, bool removeVolumes = false, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerRemoveParameters { Force = force, RemoveVolumes = removeVolumes };
        await _client.CallAsync(
            $"DELETE /containers/{id}",
            (docker, token) => docker.Containers.RemoveContainerAsync(EngineNames.Segment(id), parameters, token),
            cancellationToken,
            extraTime: EngineDefaultStopTimeout);
        DockerLog.ContainerRemoved(_logger, id);
    }

    public async Task<DockerContainer> InspectContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _client.CallAsync(
            $"GET /containers/{id}/json",
            (docker, token) => docker.Containers.InspectContainerAsync(EngineNames.Segment(id), token),
            cancellationToken);
        return ContainerMapping.FromInspect(response);
    }

    public async Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(
        IReadOnlyCollection<string> labels, bool includeStopped = true, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainersListParameters { All = includeStopped, Filters = EngineNames.Filters(("label", labels)) };
        var listed = await _client.CallAsync(
            "GET /containers/json", (docker, token) => docker.Containers.ListContainersAsync(parameters, token), cancellationToken);
        return [.. listed.Select(ContainerMapping.FromList)];
    }

    public async Task<DockerOutput> GetContainerLogsAsync(string id, DockerLogsOptions options, CancellationToken cancellationToken = default)
    {
        // Logs are framed only when the container has no TTY. The library looks that up too but does
        // not say what it found, and callers want to know.
        var container = await InspectContainerAsync(id, cancellationToken);
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = options.Stdout,
            ShowStderr = options.Stderr,
            Follow = options.Follow,
            Timestamps = options.Timestamps,
            Tail = options.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all",
            Since = options.Since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var stream = await _client.CallAsync(
            $"GET /containers/{id}/logs",
            (docker, token) => docker.Containers.GetContainerLogsAsync(EngineNames.Segment(id), parameters, token),
            cancellationToken);
        return new DockerOutput(stream, multiplexed: !container.Tty);
    }

    public async Task<DockerContainerExit> WaitContainerAsync(
        string id, DockerWaitCondition condition = DockerWaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        var exit = await _client.CallUntilDoneAsync(
            $"POST /containers/{id}/wait",
            (docker, token) => docker.Containers.WaitContainerAsync(EngineNames.Segment(id), token),
            cancellationToken);
        return new DockerContainerExit(exit.StatusCode, ContainerMapping.NullIfEmpty(exit.Error?.Message));
    }

    /// <summary>Whole seconds, rounded up; null lets the engine use its default.</summary>
    private static uint? GraceSeconds(TimeSpan? timeout) =>
        timeout is { } grace ? (uint)Math.Ceiling(grace.TotalSeconds) : null;

    /// <summary>
    /// A zero grace period: the library leaves a zero <c>t</c> out of the query (the engine would then
    /// wait its default 10 s), and API 1.41 has no stop signal, so kill at once and wait for the exit.
    /// A container that is not running is already stopped.
    /// </summary>
    private async Task KillAndWaitAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await KillContainerAsync(id, "SIGKILL", cancellationToken);
        }
        catch (DockerConflictException)
        {
            return;
        }

        // A killed process is gone at once: this wait is bounded like an ordinary call.
        await _client.CallAsync(
            $"POST /containers/{id}/wait",
            (docker, token) => docker.Containers.WaitContainerAsync(EngineNames.Segment(id), token),
            cancellationToken);
    }
}
