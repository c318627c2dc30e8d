using System.Text;

namespace Molecule.Ssh;

/// <summary>What a remote command left behind. A non-zero exit is a result, not an exception.</summary>
public sealed class SshCommandResult(int? exitCode, string? exitSignal, BoundedBytes stdout, BoundedBytes stderr)
{
    /// <summary>The exit status sshd reported; null when the command ended by a signal (<see cref="ExitSignal"/>).</summary>
    public int? ExitCode { get; } = exitCode;

    /// <summary>The signal that ended the command (e.g. <c>KILL</c>), when it did not exit by itself.</summary>
    public string? ExitSignal { get; } = exitSignal;

    public ReadOnlyMemory<byte> Stdout { get; } = stdout.Bytes;

    public ReadOnlyMemory<byte> Stderr { get; } = stderr.Bytes;

    /// <summary>True when stdout went past the cap: <see cref="Stdout"/> holds its first bytes only.</summary>
    public bool StdoutTruncated { get; } = stdout.Truncated;

    public bool StderrTruncated { get; } = stderr.Truncated;

    public bool Succeeded => ExitCode == 0;

    public string StdoutText => Encoding.UTF8.GetString(Stdout.Span);

    public string StderrText => Encoding.UTF8.GetString(Stderr.Span);
}

/// <summary>The first bytes of a stream, up to a cap, and whether more came.</summary>
public readonly record struct BoundedBytes(ReadOnlyMemory<byte> Bytes, bool Truncated);
