using System.Buffers;
using System.Runtime.InteropServices;
using Docker.DotNet;

namespace Molecule.Docker;

/// <summary>
/// Output of a container or exec: demultiplexed into stdout/stderr when the engine frames it (no
/// TTY), raw bytes reported as stdout otherwise. Owns the connection: dispose it.
/// </summary>
public sealed class DockerOutput : IAsyncDisposable
{
    private const int CopyBufferSize = 16 * 1024;

    private readonly MultiplexedStream _stream;

    internal DockerOutput(MultiplexedStream stream, bool multiplexed)
    {
        _stream = stream;
        IsMultiplexed = multiplexed;
    }

    /// <summary>True when the engine frames the output (no TTY), so stdout and stderr are told apart.</summary>
    public bool IsMultiplexed { get; }

    internal MultiplexedStream Stream => _stream;

    /// <summary>Reads the next bytes into <paramref name="buffer"/>; a chunk of 0 bytes means the output ended. Never mixes two frames.</summary>
    public async ValueTask<DockerChunk> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("the buffer must not be empty", nameof(buffer));
        }

        if (MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
        {
            return ToChunk(await _stream.ReadOutputAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
        }

        // The library reads into arrays only.
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var chunk = ToChunk(await _stream.ReadOutputAsync(rented, 0, buffer.Length, cancellationToken));
            rented.AsMemory(0, chunk.Count).CopyTo(buffer);
            return chunk;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stdin echoed back (type 0) is written on stdout by the engine, and counted as such.</summary>
    private static DockerChunk ToChunk(MultiplexedStream.ReadResult read) =>
        new(read.Target == MultiplexedStream.TargetStream.StandardError ? DockerStreamKind.Stderr : DockerStreamKind.Stdout, read.Count);
}
