using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Molecule.Docker;

namespace Molecule.Terminal.Backends;

/// <summary>
/// Starts an interactive shell in a running container: an exec of <c>/bin/bash</c> with a TTY, or
/// <c>/bin/sh</c> when bash is missing. This engine reports a missing binary not as an error but
/// as an exec that ends at once with exit code 126/127 and its own text as the output, so the first
/// output is held back until the exec is known to have started, and a failed start is retried
/// with the next shell before the user sees anything.
/// </summary>
internal sealed partial class DockerTerminalShell(
    IDockerEngine engine,
    DockerSessionReaper reaper,
    TimeProvider clock,
    ILogger logger,
    string containerId) : ITerminalShell
{
    /// <summary>Every session's shell carries a unique value of this, so its process tree can be found later.</summary>
    public const string SessionVariable = "MOLECULE_TERMINAL_SESSION";

    /// <summary>Ctrl-P Ctrl-Q (the default) is ordinary typing in a shell; this sequence is never typed.</summary>
    public const string DetachKeys = "ctrl-^,ctrl-@,ctrl-^,ctrl-@";

    /// <summary>Tried in order, as the reference does.</summary>
    public static readonly IReadOnlyList<string> Shells = ["/bin/bash", "/bin/sh"];

    // A shell prints its prompt within milliseconds; one that prints nothing is taken as started after this.
    private static readonly TimeSpan StartProbe = TimeSpan.FromSeconds(3);

    private const int ExitCodePolls = 25;
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);

    public async Task<ITerminalSession> OpenAsync(TerminalSize size, CancellationToken cancellationToken)
    {
        foreach (var shell in Shells)
        {
            if (await TryStartAsync(shell, size, cancellationToken) is { } session)
            {
                return session;
            }
        }

        throw new TerminalStartException($"no shell to start: {string.Join(" and ", Shells)} are both missing");
    }

    /// <summary>The started session, or null when this shell could not start and the next one should be tried.</summary>
    private async Task<DockerTerminalSession?> TryStartAsync(string shell, TerminalSize size, CancellationToken cancellationToken)
    {
        var marker = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        DockerExecSession exec;
        try
        {
            var execId = await engine.CreateExecAsync(containerId, Spec(shell, size, marker), cancellationToken);
            exec = await engine.StartExecAsync(execId, tty: true, cancellationToken);
        }
        catch (DockerConflictException exception)
        {
            throw new TerminalStartException("container not running", exception);
        }
        catch (DockerApiException exception) when (shell != Shells[^1])
        {
            // Newer engines refuse a missing binary at create or attach: that is also "try the next shell".
            LogShellRefused(shell, containerId, exception.EngineMessage);
            return null;
        }
        catch (DockerException exception)
        {
            throw new TerminalStartException("failed to create shell session", exception);
        }

        var session = new DockerTerminalSession(engine, reaper, containerId, shell, marker, exec);
        try
        {
            if (!await session.ProbeStartAsync(StartProbe, clock, IsStartFailureAsync, cancellationToken))
            {
                LogShellMissing(shell, containerId);
                await session.DisposeAsync();
                return null;
            }

            await session.ResizeAsync(size, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The exec ended at start with the engine's "could not run it" codes (126 not executable, 127 not found).</summary>
    private async Task<bool> IsStartFailureAsync(string execId, CancellationToken cancellationToken)
    {
        for (var poll = 0; poll < ExitCodePolls; poll++)
        {
            var state = await engine.InspectExecAsync(execId, cancellationToken);
            if (state.Running)
            {
                return false;
            }

            if (state.ExitCode is { } exitCode)
            {
                return exitCode is 126 or 127;
            }

            await Task.Delay(ExitCodePollInterval, clock, cancellationToken);
        }

        return false;
    }

    private static DockerExecSpec Spec(string shell, TerminalSize size, string marker) => new()
    {
        Cmd = [shell],
        Tty = true,
        AttachStdin = true,
        AttachStdout = true,
        AttachStderr = true,
        // The browser side is xterm.js; without TERM full-screen programs and line editing misbehave.
        Env = ["TERM=xterm-256color", $"{SessionVariable}={marker}"],
        DetachKeys = DetachKeys,
        ConsoleSize = (size.Rows, size.Columns),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shell {Shell} is missing in container {ContainerId}; trying the next one")]
    private partial void LogShellMissing(string shell, string containerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The engine refused shell {Shell} in container {ContainerId} ({EngineMessage}); trying the next one")]
    private partial void LogShellRefused(string shell, string containerId, string engineMessage);
}
