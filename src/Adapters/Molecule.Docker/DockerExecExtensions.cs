namespace Molecule.Docker;

/// <summary>Run-to-completion exec, the shape the files, plugins and provisioner code needs.</summary>
public static class DockerExecExtensions
{
    /// <summary>The reference's exec helpers cap output at 5 MiB.</summary>
    public const int DefaultMaxOutputBytes = 5 * 1024 * 1024;

    private const int ExitCodePolls = 50;
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs <paramref name="spec"/> without a TTY, feeds it <paramref name="stdin"/> (then end of
    /// file) when given, and collects stdout and stderr (each capped at
    /// <paramref name="maxOutputBytes"/>) and the exit code. A missing binary is not an exception:
    /// it shows as exit code 126/127 with the engine's text in the output.
    /// </summary>
    public static async Task<DockerExecResult> RunExecAsync(
        this IDockerEngine engine,
        string containerId,
        DockerExecSpec spec,
        ReadOnlyMemory<byte> stdin = default,
        int maxOutputBytes = DefaultMaxOutputBytes,
        CancellationToken cancellationToken = default)
    {
        var withStdin = !stdin.IsEmpty;
        var execId = await engine.CreateExecAsync(
            containerId,
            spec with { Tty = false, AttachStdin = withStdin, AttachStdout = true, AttachStderr = true },
            cancellationToken);

        DockerCapturedOutput output;
        await using (var session = await engine.StartExecAsync(execId, tty: false, cancellationToken))
        {
            if (withStdin)
            {
                await session.WriteAsync(stdin, cancellationToken);
                session.CloseStdin();
            }

            output = await session.Output.ReadAllAsync(maxOutputBytes, cancellationToken);
        }

        return new DockerExecResult(await ReadExitCodeAsync(engine, execId, cancellationToken), output.Stdout, output.Stderr, output.Truncated);
    }

    /// <summary>
    /// The output can end a moment before the engine records the exit: poll briefly (bounded).
    /// Null when the process is still running (the output was truncated) or never reported.
    /// </summary>
    private static async Task<int?> ReadExitCodeAsync(IDockerEngine engine, string execId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ExitCodePolls; attempt++)
        {
            var state = await engine.InspectExecAsync(execId, cancellationToken);
            if (!state.Running && state.ExitCode is not null)
            {
                return state.ExitCode;
            }

            await Task.Delay(ExitCodePollInterval, cancellationToken);
        }

        return null;
    }
}
