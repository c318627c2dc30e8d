using System.Net;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<string> CreateExecAsync(string containerId, DockerExecSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec.Cmd.Count == 0)
        {
            throw new ArgumentException("an exec needs a command", nameof(spec));
        }

        var body = new ExecCreateWire
        {
            AttachStdin = spec.AttachStdin,
            AttachStdout = spec.AttachStdout,
            AttachStderr = spec.AttachStderr,
            Tty = spec.Tty,
            Cmd = [.. spec.Cmd],
            Env = spec.Env?.ToList(),
            User = spec.User,
            WorkingDir = spec.WorkingDir,
            DetachKeys = spec.DetachKeys,
            ConsoleSize = spec is { Tty: true, ConsoleSize: var (height, width) } ? [height, width] : null,
        };
        var request = DockerRequest.Post($"containers/{DockerPath.Segment(containerId)}/exec")
            .WithJson(body, DockerJsonContext.Default.ExecCreateWire);
        var created = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ExecCreatedWire, cancellationToken);
        return created.Id ?? throw new DockerApiException(HttpStatusCode.InternalServerError, "exec create answered no id");
    }

    public async Task<DockerExecSession> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Post($"exec/{DockerPath.Segment(execId)}/start")
            .WithJson(new ExecStartWire { Detach = false, Tty = tty }, DockerJsonContext.Default.ExecStartWire);
        request.Headers.Add(new("Connection", "Upgrade"));
        request.Headers.Add(new("Upgrade", "tcp"));

        // A connection of its own, so the socket under it is this session's and can be half-closed.
        var socket = new HijackedSocket();
        var invoker = _client.Transport.CreateHijackInvoker(socket);
        HttpResponseMessage? response = null;
        try
        {
            response = await _client.SendStreamingAsync(request, cancellationToken, invoker);
            var connection = await response.Content.ReadAsStreamAsync(cancellationToken);
            DockerLog.ExecAttached(_logger, execId, tty);
            var output = new DockerOutput(connection, multiplexed: !tty, response, invoker);
            return new DockerExecSession(execId, tty, connection, socket, output);
        }
        catch
        {
            response?.Dispose();
            invoker.Dispose();
            throw;
        }
    }

    public Task ResizeExecAsync(string execId, int height, int width, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var request = DockerRequest.Post($"exec/{DockerPath.Segment(execId)}/resize");
        request.Query.Add("h", height).Add("w", width);
        return _client.SendForStatusAsync(request, cancellationToken);
    }

    public async Task<DockerExecState> InspectExecAsync(string execId, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get($"exec/{DockerPath.Segment(execId)}/json");
        var wire = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ExecInspectWire, cancellationToken);
        return new DockerExecState(wire.Id ?? execId, wire.ContainerId, wire.Running, wire.ExitCode, wire.Pid);
    }
}
