namespace Molecule.Docker.Client;

/// <summary>
/// The tar body of an archive answer, read-only. The library's chunked reader takes a read of zero
/// bytes for a connection closed mid-chunk, and <see cref="System.Formats.Tar.TarReader"/> asks for
/// zero bytes at the end of an entry: such a read is answered here without reaching the connection.
/// </summary>
internal sealed class ArchiveStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        buffer.IsEmpty ? ValueTask.FromResult(0) : inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>The library's chunked reader reads asynchronously only; so does this stream.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("the engine's archive stream is read asynchronously (TarReader.GetNextEntryAsync)");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
