namespace Molecule.Docker;

/// <summary>A process to run inside a running container (<c>POST /containers/{id}/exec</c>).</summary>
public sealed record DockerExecSpec
{
    public required IReadOnlyList<string> Cmd { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>With a TTY the output is raw bytes (stderr merged); without, it is multiplexed.</summary>
    public bool Tty { get; init; }

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; } = true;

    public bool AttachStderr { get; init; } = true;

    /// <summary>Empty means the container's user. An unknown user fails at create (400).</summary>
    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>
    /// With a TTY the engine swallows this key sequence (default Ctrl-P Ctrl-Q). A browser terminal
    /// should set one its users never type, e.g. <c>ctrl-@,ctrl-@</c>.
    /// </summary>
    public string? DetachKeys { get; init; }

    /// <summary>Initial TTY size (rows, columns); the engine honours it from API 1.42.</summary>
    public (int Height, int Width)? ConsoleSize { get; init; }
}

/// <summary>An exec's state from <c>GET /exec/{id}/json</c>; <paramref name="ExitCode"/> is null while it runs.</summary>
public sealed record DockerExecState(string Id, string? ContainerId, bool Running, int? ExitCode, int Pid);

/// <summary>What a finished exec printed and how it ended (see <see cref="DockerExecExtensions.RunExecAsync"/>).</summary>
public sealed record DockerExecResult(int? ExitCode, byte[] Stdout, byte[] Stderr, bool Truncated)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);
}
