using Molecule.Docker.Client;

namespace Molecule.Tests.Docker;

public sealed class ArchiveStreamTests
{
    [Fact]
    public async Task A_zero_byte_read_is_answered_without_reaching_the_connection()
    {
        await using var stream = new ArchiveStream(new ChunkedLikeStream("tar bytes"u8.ToArray()));
        var buffer = new byte[16];

        (await stream.ReadAsync(Memory<byte>.Empty)).ShouldBe(0);
        (await stream.ReadAsync(buffer, 0, 0)).ShouldBe(0);
        (await stream.ReadAsync(buffer)).ShouldBe(9);
        buffer[..9].ShouldBe("tar bytes"u8.ToArray());
        (await stream.ReadAsync(buffer)).ShouldBe(0);
    }

    [Fact]
    public void It_is_read_only_and_async_only()
    {
        using var stream = new ArchiveStream(new ChunkedLikeStream([]));

        stream.CanRead.ShouldBeTrue();
        stream.CanWrite.ShouldBeFalse();
        stream.CanSeek.ShouldBeFalse();
        Should.Throw<NotSupportedException>(() => stream.Read(new byte[4], 0, 4));
    }

    /// <summary>Like the library's chunked reader: a zero-byte read is taken for a connection closed mid-chunk.</summary>
    private sealed class ChunkedLikeStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            buffer.IsEmpty ? throw new EndOfStreamException("The connection closed in the middle of a chunk.") : base.ReadAsync(buffer, cancellationToken);
    }
}
