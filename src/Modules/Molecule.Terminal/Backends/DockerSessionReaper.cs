using Microsoft.Extensions.Logging;
using Molecule.Docker;

namespace Molecule.Terminal.Backends;

/// <summary>
/// Ends a terminal exec whose user went away. The engine keeps a TTY exec running when its
/// connection closes (closing stdin does not end it either), so the shell and everything started
/// from it are found by the marker variable each session's shell carries
/// (<see cref="DockerTerminalShell.SessionVariable"/>) and signalled from a second exec: first
/// SIGHUP, as a real terminal hang-up would (jobs run under nohup survive it), then SIGKILL if the
/// shell itself is still running.
/// </summary>
internal sealed partial class DockerSessionReaper(IDockerEngine engine, TimeProvider clock, ILogger<DockerSessionReaper> logger)
{
    // Busybox ash, dash and bash all keep NUL-separated environ text matchable in a case pattern.
    // The scanning shell's own environment lacks the marker (it is an argument here), so it is never matched.
    private const string SignalScript = """
        m="$1=$2"; n=0
        for d in /proc/[0-9]*; do
          case "$(cat "$d/environ" 2>/dev/null)" in
            *"$m"*) kill -"$3" "${d#/proc/}" 2>/dev/null && n=$((n+1)) ;;
          esac
        done
        echo "$n"
        """;

    // A hang-up first; a kill when the shell ignores it.
    private static readonly string[] Signals = ["HUP", "KILL"];

    private const int StatePolls = 30;
    private static readonly TimeSpan StatePollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Bounds the whole clean-up: it runs after the client left, on no request's token.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Ends the exec's process tree if the exec still runs. Never throws; failures are logged.</summary>
    public async Task EndAsync(string containerId, string execId, string shell, string marker)
    {
        using var deadline = new CancellationTokenSource(Timeout, clock);
        try
        {
            if (!await IsRunningAsync(execId, deadline.Token))
            {
                return;
            }

            foreach (var signal in Signals)
            {
                var signalled = await SignalAsync(containerId, shell, marker, signal, deadline.Token);
                if (await WaitForEndAsync(execId, deadline.Token))
                {
                    LogSessionEnded(execId, signal, signalled);
                    return;
                }
            }

            LogStillRunning(execId, containerId);
        }
        catch (DockerNotFoundException)
        {
            // The container or the exec is gone: nothing is left to end.
        }
        catch (Exception exception) when (exception is DockerException or OperationCanceledException or ObjectDisposedException)
        {
            LogReapFailed(exception, execId, containerId);
        }
    }

    private async Task<string> SignalAsync(string containerId, string shell, string marker, string signal, CancellationToken cancellationToken)
    {
        var result = await engine.RunExecAsync(
            containerId,
            new DockerExecSpec { Cmd = [shell, "-c", SignalScript, "reaper", DockerTerminalShell.SessionVariable, marker, signal] },
            maxOutputBytes: 256,
            cancellationToken: cancellationToken);
        return result.StdoutText.Trim();
    }

    private async Task<bool> IsRunningAsync(string execId, CancellationToken cancellationToken) =>
        (await engine.InspectExecAsync(execId, cancellationToken)).Running;

    private async Task<bool> WaitForEndAsync(string execId, CancellationToken cancellationToken)
    {
        for (var poll = 0; poll < StatePolls; poll++)
        {
            if (!await IsRunningAsync(execId, cancellationToken))
            {
                return true;
            }

            await Task.Delay(StatePollInterval, clock, cancellationToken);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Terminal exec {ExecId} ended after SIG{Signal} to {Signalled} process(es)")]
    private partial void LogSessionEnded(string execId, string signal, string signalled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal exec {ExecId} in container {ContainerId} still runs after SIGHUP and SIGKILL")]
    private partial void LogStillRunning(string execId, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end terminal exec {ExecId} in container {ContainerId}")]
    private partial void LogReapFailed(Exception exception, string execId, string containerId);
}
