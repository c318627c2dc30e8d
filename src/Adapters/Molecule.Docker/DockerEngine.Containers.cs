using System.Globalization;
using System.Net;
using System.Text.Json;
using Molecule.Docker.Streams;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>The engine's own stop grace period, which it uses when no <c>t</c> is sent.</summary>
    private static readonly TimeSpan EngineDefaultStopTimeout = TimeSpan.FromSeconds(10);

    public async Task<string> CreateContainerAsync(DockerContainerSpec spec, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Post("containers/create")
            .WithJson(ContainerSpecMapping.ToWire(spec), DockerJsonContext.Default.ContainerCreateWire);
        request.Query.Add("name", spec.Name);
        var created = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ContainerCreatedWire, cancellationToken);
        var id = created.Id ?? throw new DockerApiException(HttpStatusCode.InternalServerError, "container create answered no id");
        DockerLog.ContainerCreated(_logger, spec.Name ?? "(unnamed)", id);
        return id;
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken = default) =>
        _client.SendForStatusAsync(DockerRequest.Post($"containers/{DockerPath.Segment(id)}/start"), cancellationToken);

    public Task StopContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _client.SendForStatusAsync(WithStopTimeout(DockerRequest.Post($"containers/{DockerPath.Segment(id)}/stop"), timeout), cancellationToken);

    public Task KillContainerAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Post($"containers/{DockerPath.Segment(id)}/kill");
        request.Query.Add("signal", signal);
        return _client.SendForStatusAsync(request, cancellationToken);
    }

    public Task RestartContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _client.SendForStatusAsync(WithStopTimeout(DockerRequest.Post($"containers/{DockerPath.Segment(id)}/restart"), timeout), cancellationToken);

    public async Task RemoveContainerAsync(string id, bool force = false, bool removeVolumes = false, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Delete($"containers/{DockerPath.Segment(id)}");
        request.Query.Add("force", force).Add("v", removeVolumes);
        request.ExtraTimeout = EngineDefaultStopTimeout;
        await _client.SendForStatusAsync(request, cancellationToken);
        DockerLog.ContainerRemoved(_logger, id);
    }

    public async Task<DockerContainer> InspectContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get($"containers/{DockerPath.Segment(id)}/json");
        var wire = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ContainerInspectWire, cancellationToken);
        return ContainerMapping.FromWire(wire);
    }

    public async Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(
        IReadOnlyCollection<string> labels, bool includeStopped = true, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get("containers/json");
        request.Query.Add("all", includeStopped);
        if (labels.Count > 0)
        {
            request.Query.Add("filters", FiltersJson(new() { ["label"] = [.. labels] }));
        }

        var wire = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ListContainerSummaryWire, cancellationToken);
        return wire.Select(ContainerMapping.FromWire).ToList();
    }

    public async Task<DockerOutput> GetContainerLogsAsync(string id, DockerLogsOptions options, CancellationToken cancellationToken = default)
    {
        // Logs are framed only when the container has no TTY, and the response does not say which.
        var container = await InspectContainerAsync(id, cancellationToken);
        var request = DockerRequest.Get($"containers/{DockerPath.Segment(id)}/logs");
        request.Query
            .Add("stdout", options.Stdout)
            .Add("stderr", options.Stderr)
            .Add("follow", options.Follow)
            .Add("timestamps", options.Timestamps)
            .Add("tail", options.Tail is { } tail ? tail.ToString(CultureInfo.InvariantCulture) : "all")
            .Add("since", options.Since?.ToUnixTimeSeconds());
        var response = await _client.SendStreamingAsync(request, cancellationToken);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new DockerOutput(body, multiplexed: !container.Tty, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<DockerContainerExit> WaitContainerAsync(
        string id, DockerWaitCondition condition = DockerWaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Post($"containers/{DockerPath.Segment(id)}/wait");
        request.Query.Add("condition", condition switch
        {
            DockerWaitCondition.NextExit => "next-exit",
            DockerWaitCondition.Removed => "removed",
            _ => "not-running",
        });

        // The engine sends the headers at once and the body when the condition holds.
        using var response = await _client.SendStreamingAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var wire = await JsonSerializer.DeserializeAsync(body, DockerJsonContext.Default.ContainerWaitWire, cancellationToken)
            ?? throw new DockerApiException(HttpStatusCode.InternalServerError, "container wait answered nothing");
        return new DockerContainerExit(wire.StatusCode, string.IsNullOrEmpty(wire.Error?.Message) ? null : wire.Error.Message);
    }

    /// <summary>The engine holds a stop call open for up to <c>t</c> seconds: the client waits that much longer.</summary>
    private static DockerRequest WithStopTimeout(DockerRequest request, TimeSpan? timeout)
    {
        if (timeout is { } grace)
        {
            request.Query.Add("t", (long)Math.Ceiling(grace.TotalSeconds));
        }

        request.ExtraTimeout = timeout ?? EngineDefaultStopTimeout;
        return request;
    }
}
