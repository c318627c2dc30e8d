using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Provisioner.Docker;

namespace Molecule.Provisioner.Health;

/// <summary>
/// Turns the death of a workspace's container into the workspace's state. Exits we caused (stop,
/// pause, delete, a restart replacing the container) and exits of containers that are no longer
/// the workspace's current one are ignored. A live agent's death makes the workspace offline, then
/// auto-restarts it unless the engine's own restart policy already brought the container back; a
/// death before the agent came up, or the third in ten minutes, fails the workspace with the exit
/// code and the end of the container's log, and stops the container so it stops crash-looping.
/// </summary>
internal sealed partial class ContainerExitHandler(
    IDockerEngine engine,
    ContainerOperations operations,
    ExitHistory history,
    WorkspaceHealthWrites rows,
    ContainerLogTail logs,
    WorkspaceResources resources,
    BackgroundRestarts restarts,
    ILogger<ContainerExitHandler> logger)
{
    public const string Source = "container_exit";

    /// <summary>The reference caps a sample error (message plus log tail) at 8 KiB.</summary>
    private const int MaxSampleErrorLength = 8192;

    public async Task HandleAsync(DockerEvent engineEvent, CancellationToken cancellationToken)
    {
        if (engineEvent.Type != "container" || engineEvent.ActionName != "die"
            || DockerLabels.WorkspaceOf(engineEvent.Attributes) is not { } workspaceId
            || operations.IsExpectedExit(engineEvent.ActorId))
        {
            return;
        }

        var current = await CurrentContainerAsync(workspaceId, cancellationToken);
        if (current is not null && current.Id != engineEvent.ActorId)
        {
            return;
        }

        var row = await rows.ReadAsync(workspaceId, cancellationToken);
        var action = ExitDecision.For(row, row is { RunsOnDocker: true } ? history.Record(workspaceId) : 0);
        if (action == ExitAction.Ignore)
        {
            return;
        }

        var exit = new ContainerExit(ExitCode(engineEvent), current?.State.OomKilled == true);
        switch (action)
        {
            case ExitAction.MarkOffline:
                await MarkOfflineAsync(workspaceId, exit, restartedByEngine: current?.State is { IsRunning: true } or { Restarting: true }, cancellationToken);
                break;
            case ExitAction.FailStart:
                await FailAsync(workspaceId, engineEvent.ActorId, $"{exit.Describe()} before its agent registered", crashLoop: false, exit, cancellationToken);
                break;
            case ExitAction.FailCrashLoop:
                await FailAsync(
                    workspaceId,
                    engineEvent.ActorId,
                    $"{exit.Describe()} — {ExitDecision.RepeatedExits} times in {ExitDecision.Window.TotalMinutes:0} minutes; not restarting it again",
                    crashLoop: true,
                    exit,
                    cancellationToken);
                break;
        }
    }

    private async Task MarkOfflineAsync(Guid workspaceId, ContainerExit exit, bool restartedByEngine, CancellationToken cancellationToken)
    {
        if (!await rows.MarkOfflineAsync(workspaceId, exit.Describe(), exit.Payload(), cancellationToken))
        {
            return;
        }

        LogOffline(workspaceId, exit.Code);

        // unless-stopped brings back a container that crashed; its agent re-registers on its own.
        if (!restartedByEngine)
        {
            restarts.Request(workspaceId, $"container {exit.Describe()}");
        }
    }

    private async Task FailAsync(Guid workspaceId, string containerId, string error, bool crashLoop, ContainerExit exit, CancellationToken cancellationToken)
    {
        var tail = await logs.ReadAsync(containerId, workspaceId, cancellationToken);
        var sample = tail.Length == 0 ? error : error + "\n\n" + tail;
        if (sample.Length > MaxSampleErrorLength)
        {
            sample = sample[..MaxSampleErrorLength];
        }

        var payload = exit.Payload();
        payload["error"] = error;
        payload["log_tail"] = tail;
        var failed = crashLoop
            ? await rows.MarkCrashLoopingAsync(workspaceId, sample, payload, cancellationToken)
            : await rows.MarkStartFailedAsync(workspaceId, sample, payload, cancellationToken);
        if (!failed)
        {
            return;
        }

        LogFailed(workspaceId, error);

        using var operation = operations.Begin(workspaceId);
        await resources.StopContainersAsync(workspaceId, cancellationToken);
    }

    /// <summary>The container now holding the workspace's name; null when there is none.</summary>
    private async Task<DockerContainer?> CurrentContainerAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.InspectContainerAsync(WorkspaceContainers.ContainerName(workspaceId), cancellationToken);
        }
        catch (DockerNotFoundException)
        {
            return null;
        }
    }

    private static int? ExitCode(DockerEvent engineEvent) =>
        engineEvent.Attributes.TryGetValue("exitCode", out var value) && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    private sealed record ContainerExit(int? Code, bool OomKilled)
    {
        public string Describe() => OomKilled
            ? $"container was killed for running out of memory (exit code {Code?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})"
            : $"container exited with code {Code?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}";

        public JsonObject Payload()
        {
            var payload = new JsonObject { ["exit_code"] = Code, ["source"] = Source };
            if (OomKilled)
            {
                payload["oom_killed"] = true;
            }

            return payload;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "the container of workspace {WorkspaceId} exited with code {ExitCode}; marked offline")]
    private partial void LogOffline(Guid workspaceId, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId} failed: {Error}")]
    private partial void LogFailed(Guid workspaceId, string error);
}
