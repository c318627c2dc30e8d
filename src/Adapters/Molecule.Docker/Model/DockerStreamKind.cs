namespace Molecule.Docker;

/// <summary>Which output a chunk came from. With a TTY everything is <see cref="Stdout"/>.</summary>
public enum DockerStreamKind
{
    Stdout = 1,
    Stderr = 2,
}

/// <summary>The result of one read: <see cref="Count"/> bytes of <see cref="Stream"/>; 0 bytes means the output ended.</summary>
public readonly record struct DockerChunk(DockerStreamKind Stream, int Count)
{
    public bool IsEnd => Count == 0;
}

/// <summary>Everything an output stream produced, up to a cap.</summary>
public sealed record DockerCapturedOutput(byte[] Stdout, byte[] Stderr, bool Truncated);
