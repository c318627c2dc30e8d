using Molecule.Docker.Streams;

namespace Molecule.Docker;

/// <summary>
/// Output of a container or exec: demultiplexed into stdout/stderr when the engine frames it (no
/// TTY), raw bytes reported as stdout otherwise. Owns the connection: dispose it.
/// </summary>
public sealed class DockerOutput : IAsyncDisposable
{
    private const int CopyBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly MultiplexedStreamReader? _demultiplexer;
    private readonly IDisposable[] _owned;

    internal DockerOutput(Stream stream, bool multiplexed, params IDisposable[] owned)
    {
        _stream = stream;
        _demultiplexer = multiplexed ? new MultiplexedStreamReader(stream) : null;
        _owned = owned;
    }

    /// <summary>True when the engine frames the output (no TTY), so stdout and stderr are told apart.</summary>
    public bool IsMultiplexed => _demultiplexer is not null;

    /// <summary>Reads the next bytes into <paramref name="buffer"/>; a chunk of 0 bytes means the output ended.</summary>
    public async ValueTask<DockerChunk> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_demultiplexer is not null)
        {
            return await _demultiplexer.ReadAsync(buffer, cancellationToken);
        }

        return new DockerChunk(DockerStreamKind.Stdout, await _stream.ReadAsync(buffer, cancellationToken));
    }

    /// <summary>
    /// Reads to the end, keeping at most <paramref name="maxBytesPerStream"/> of each stream. On
    /// reaching the cap it stops reading and sets <see cref="DockerCapturedOutput.Truncated"/>.
    /// </summary>
    public async Task<DockerCapturedOutput> ReadAllAsync(int maxBytesPerStream, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytesPerStream);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var buffer = new byte[CopyBufferSize];
        while (true)
        {
            var chunk = await ReadAsync(buffer, cancellationToken);
            if (chunk.IsEnd)
            {
                return new DockerCapturedOutput(stdout.ToArray(), stderr.ToArray(), Truncated: false);
            }

            var target = chunk.Stream == DockerStreamKind.Stderr ? stderr : stdout;
            var room = maxBytesPerStream - (int)target.Length;
            target.Write(buffer, 0, Math.Min(room, chunk.Count));
            if (chunk.Count > room)
            {
                return new DockerCapturedOutput(stdout.ToArray(), stderr.ToArray(), Truncated: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
