using System.Globalization;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>
/// The Docker terminal pipeline as diagnose stages: <c>container-found</c>, <c>container-running</c>,
/// <c>exec-probe</c> (the shell the terminal would start runs <c>echo ok</c>). One instance per run:
/// later stages use the container the first one found.
/// </summary>
internal sealed class DockerDiagnoseStages(IDockerEngine engine, WorkspaceContainerLookup containers, Guid workspaceId)
{
    public const string ContainerFound = "container-found";
    public const string ContainerRunning = "container-running";
    public const string ExecProbe = "exec-probe";

    private const int MaxProbeOutputBytes = 4096;
    private const int MaxDetailChars = 1024;

    private DockerContainer? _container;

    public IReadOnlyList<DiagnoseStage> All =>
    [
        new(ContainerFound, FindAsync),
        new(ContainerRunning, CheckRunningAsync),
        new(ExecProbe, ProbeAsync),
    ];

    private async Task<StageOutcome> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            _container = await containers.FindAsync(workspaceId, cancellationToken);
        }
        catch (DockerUnavailableException exception)
        {
            return StageOutcome.Fail("Docker not available", exception.Message);
        }

        return _container is null
            ? StageOutcome.Fail(
                "no container for this workspace",
                "looked for " + string.Join(", ", WorkspaceContainers.ContainerNameCandidates(workspaceId)))
            : StageOutcome.Pass($"{_container.Name.TrimStart('/')} ({_container.Id[..Math.Min(12, _container.Id.Length)]}, image {_container.Image})");
    }

    private Task<StageOutcome> CheckRunningAsync(CancellationToken cancellationToken)
    {
        var state = Found.State;
        if (state.IsRunning)
        {
            return Task.FromResult(StageOutcome.Pass($"running since {Timestamp(state.StartedAt)}"));
        }

        var detail = $"exit code {state.ExitCode}, finished {Timestamp(state.FinishedAt)}"
                     + (state.OomKilled ? ", killed for lack of memory" : "")
                     + (string.IsNullOrEmpty(state.Error) ? "" : $", engine error: {state.Error}");
        return Task.FromResult(StageOutcome.Fail($"container is {state.Status}", detail));
    }

    private async Task<StageOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var shell in DockerTerminalShell.Shells)
        {
            DockerExecResult result;
            try
            {
                result = await engine.RunExecAsync(
                    Found.Id, new DockerExecSpec { Cmd = [shell, "-c", "echo ok"] }, maxOutputBytes: MaxProbeOutputBytes, cancellationToken: cancellationToken);
            }
            catch (DockerConflictException exception)
            {
                return StageOutcome.Fail("container stopped during the probe", exception.EngineMessage);
            }
            catch (DockerUnavailableException exception)
            {
                return StageOutcome.Fail("Docker not available", exception.Message);
            }
            catch (DockerApiException exception)
            {
                return StageOutcome.Fail($"exec of {shell} failed", exception.EngineMessage);
            }

            if (result.ExitCode is 126 or 127 && shell != DockerTerminalShell.Shells[^1])
            {
                missing.Add(shell);
                continue;
            }

            var fallback = missing.Count == 0 ? "" : $" ({string.Join(", ", missing)} missing)";
            if (result.ExitCode == 0 && result.StdoutText.Trim() == "ok")
            {
                return StageOutcome.Pass($"{shell} answered ok{fallback}");
            }

            var exit = result.ExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "unknown";
            return StageOutcome.Fail($"{shell} -c 'echo ok' exited with code {exit}", Clip(result.StdoutText + result.StderrText) + fallback);
        }

        return StageOutcome.Fail("no shell to run", "missing: " + string.Join(", ", missing));
    }

    private DockerContainer Found => _container ?? throw new InvalidOperationException("container-found did not run");

    private static string Timestamp(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "unknown";

    private static string Clip(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxDetailChars ? trimmed : trimmed[..MaxDetailChars] + "…";
    }
}
