using Docker.DotNet.Models;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<string> CreateExecAsync(string containerId, DockerExecSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec.Cmd.Count == 0)
        {
            throw new ArgumentException("an exec needs a command", nameof(spec));
        }

        var parameters = new ContainerExecCreateParameters
        {
            AttachStdin = spec.AttachStdin,
            AttachStdout = spec.AttachStdout,
            AttachStderr = spec.AttachStderr,
            TTY = spec.Tty,
            Cmd = [.. spec.Cmd],
            Env = spec.Env?.ToList(),
            User = spec.User ?? "",
            WorkingDir = spec.WorkingDir ?? "",
            DetachKeys = spec.DetachKeys ?? "",
        };
        if (spec is { Tty: true, ConsoleSize: var (height, width) })
        {
            // Honoured from API 1.42; older engines ignore it, so callers resize right after the start.
            parameters.ConsoleSize = new ConsoleSize { Height = (ulong)height, Width = (ulong)width };
        }

        var created = await _client.CallAsync(
            $"POST /containers/{containerId}/exec",
            (docker, token) => docker.Exec.CreateContainerExecAsync(EngineNames.Segment(containerId), parameters, token),
            cancellationToken);
        return created.ID;
    }

    public async Task<DockerExecSession> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerExecStartParameters { Detach = false, TTY = tty };
        // The library hijacks a connection of its own for the exec: stdin can be half-closed on it.
        var stream = await _client.CallAsync(
            $"POST /exec/{execId}/start",
            (docker, token) => docker.Exec.StartContainerExecAsync(EngineNames.Segment(execId), parameters, token),
            cancellationToken);
        DockerLog.ExecAttached(_logger, execId, tty);
        return new DockerExecSession(execId, tty, stream);
    }

    public Task ResizeExecAsync(string execId, int height, int width, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var parameters = new ContainerResizeParameters { Height = height, Width = width };
        return _client.CallAsync(
            $"POST /exec/{execId}/resize",
            (docker, token) => docker.Exec.ResizeExecTtyAsync(EngineNames.Segment(execId), parameters, token),
            cancellationToken);
    }

    public async Task<DockerExecState> InspectExecAsync(string execId, CancellationToken cancellationToken = default)
    {
        var state = await _client.CallAsync(
            $"GET /exec/{execId}/json",
            (docker, token) => docker.Exec.InspectContainerExecAsync(EngineNames.Segment(execId), token),
            cancellationToken);
        return new DockerExecState(
            ContainerMapping.NullIfEmpty(state.ID) ?? execId,
            ContainerMapping.NullIfEmpty(state.ContainerID),
            state.Running,
            state.ExitCode is { } exitCode ? checked((int)exitCode) : null,
            checked((int)state.Pid));
    }
}
