namespace Molecule.Files.Http;

/// <summary>Thrown by <see cref="CappedReadStream"/> once more than its cap has been read.</summary>
internal sealed class BodyTooLargeException(long maxBytes) : IOException($"request body exceeds {maxBytes} bytes");

/// <summary>
/// A request body that refuses to be read past a cap, whether or not the client declared a length,
/// so a parser reading through it (the multipart form reader) stops at the cap with a known error.
/// </summary>
internal sealed class CappedReadStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > maxBytes ? throw new BodyTooLargeException(maxBytes) : read;
    }
}
