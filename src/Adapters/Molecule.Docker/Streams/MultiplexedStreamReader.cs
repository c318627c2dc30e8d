using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Molecule.Docker.Streams;

/// <summary>
/// Reads the engine's multiplexed stdout/stderr framing (logs and exec without a TTY): frames of an
/// 8-byte header — stream type, three zero bytes, big-endian payload length — then the payload.
/// A clean end of stream on a header boundary ends the output.
/// </summary>
internal sealed class MultiplexedStreamReader(Stream source)
{
    private const int HeaderSize = 8;
    private const int MaxSystemErrorBytes = 64 * 1024;

    private readonly byte[] _header = new byte[HeaderSize];
    private DockerStreamKind _current;
    private int _remaining;

    /// <summary>Reads up to <paramref name="buffer"/>'s length from the current frame; never mixes two frames.</summary>
    public async ValueTask<DockerChunk> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("the buffer must not be empty", nameof(buffer));
        }

        while (_remaining == 0)
        {
            var read = await source.ReadAtLeastAsync(_header, HeaderSize, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                return new DockerChunk(DockerStreamKind.Stdout, 0);
            }

            if (read < HeaderSize)
            {
                throw new EndOfStreamException("the engine's output ended inside a frame header");
            }

            var length = ParseHeader();
            if (_header[0] == 3)
            {
                throw await ReadSystemErrorAsync(length, cancellationToken);
            }

            _remaining = length;
        }

        var count = await source.ReadAsync(buffer[..Math.Min(buffer.Length, _remaining)], cancellationToken);
        if (count == 0)
        {
            throw new EndOfStreamException("the engine's output ended inside a frame");
        }

        _remaining -= count;
        return new DockerChunk(_current, count);
    }

    private int ParseHeader()
    {
        if (_header[1] != 0 || _header[2] != 0 || _header[3] != 0)
        {
            throw new InvalidDataException("the engine's output is not multiplexed framing");
        }

        _current = _header[0] switch
        {
            0 or 1 => DockerStreamKind.Stdout, // 0 is stdin echoed back; the engine writes it on stdout
            2 => DockerStreamKind.Stderr,
            3 => DockerStreamKind.Stderr,
            var type => throw new InvalidDataException($"unknown stream type {type} in the engine's output"),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        return length <= int.MaxValue ? (int)length : throw new InvalidDataException("frame longer than 2 GiB");
    }

    /// <summary>Type 3 carries a daemon-side error for this stream, not process output.</summary>
    private async Task<DockerApiException> ReadSystemErrorAsync(int length, CancellationToken cancellationToken)
    {
        var payload = new byte[Math.Min(length, MaxSystemErrorBytes)];
        await source.ReadExactlyAsync(payload, cancellationToken);
        return new DockerApiException(HttpStatusCode.InternalServerError, Encoding.UTF8.GetString(payload).Trim());
    }
}
