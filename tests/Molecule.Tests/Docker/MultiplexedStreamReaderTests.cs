using System.Net;
using System.Text;
using Molecule.Docker;
using Molecule.Docker.Streams;

namespace Molecule.Tests.Docker;

public sealed class MultiplexedStreamReaderTests
{
    [Fact]
    public async Task Frames_are_split_by_stream_in_order()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(
            [.. FakeEngine.Frame(1, "out1\n"), .. FakeEngine.Frame(2, "err\n"), .. FakeEngine.Frame(1, "out2\n")]));

        var chunks = await ReadAllAsync(reader, bufferSize: 64);

        chunks.ShouldBe([(DockerStreamKind.Stdout, "out1\n"), (DockerStreamKind.Stderr, "err\n"), (DockerStreamKind.Stdout, "out2\n")]);
    }

    [Fact]
    public async Task A_stream_delivering_one_byte_at_a_time_still_decodes()
    {
        var reader = new MultiplexedStreamReader(new TrickleStream(
            [.. FakeEngine.Frame(2, "slow err"), .. FakeEngine.Frame(1, "slow out")]));

        var chunks = await ReadAllAsync(reader, bufferSize: 64);

        Joined(chunks, DockerStreamKind.Stderr).ShouldBe("slow err");
        Joined(chunks, DockerStreamKind.Stdout).ShouldBe("slow out");
    }

    [Fact]
    public async Task A_small_buffer_reads_a_frame_in_pieces_without_crossing_into_the_next()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream([.. FakeEngine.Frame(1, "abcdefg"), .. FakeEngine.Frame(2, "xy")]));

        var chunks = await ReadAllAsync(reader, bufferSize: 3);

        chunks.ShouldBe([
            (DockerStreamKind.Stdout, "abc"), (DockerStreamKind.Stdout, "def"), (DockerStreamKind.Stdout, "g"),
            (DockerStreamKind.Stderr, "xy"),
        ]);
    }

    [Fact]
    public async Task Empty_frames_are_skipped_and_stdin_frames_count_as_stdout()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(
            [.. FakeEngine.Frame(1, ""), .. FakeEngine.Frame(0, "echoed"), .. FakeEngine.Frame(2, "")]));

        (await ReadAllAsync(reader, 16)).ShouldBe([(DockerStreamKind.Stdout, "echoed")]);
    }

    [Fact]
    public async Task An_empty_stream_is_an_immediate_end()
    {
        var chunk = await new MultiplexedStreamReader(new MemoryStream()).ReadAsync(new byte[8], CancellationToken.None);

        chunk.IsEnd.ShouldBeTrue();
    }

    [Fact]
    public async Task A_stream_cut_inside_a_header_or_payload_is_an_error()
    {
        var frame = FakeEngine.Frame(1, "payload");

        await Should.ThrowAsync<EndOfStreamException>(() => ReadAllAsync(new MultiplexedStreamReader(new MemoryStream(frame[..5])), 16));
        await Should.ThrowAsync<EndOfStreamException>(() => ReadAllAsync(new MultiplexedStreamReader(new MemoryStream(frame[..10])), 16));
    }

    [Fact]
    public async Task A_system_error_frame_throws_with_its_text()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream([.. FakeEngine.Frame(1, "ok"), .. FakeEngine.Frame(3, "exec failed\r\n")]));

        var error = await Should.ThrowAsync<DockerApiException>(() => ReadAllAsync(reader, 16));

        error.EngineMessage.ShouldBe("exec failed");
        error.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Raw_bytes_are_not_mistaken_for_framing()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream("hello, world"u8.ToArray()));

        await Should.ThrowAsync<InvalidDataException>(() => ReadAllAsync(reader, 16));
    }

    [Fact]
    public async Task Read_all_keeps_each_stream_up_to_the_cap()
    {
        await using var output = new DockerOutput(
            new MemoryStream([.. FakeEngine.Frame(1, "12345"), .. FakeEngine.Frame(2, "e"), .. FakeEngine.Frame(1, "6789")]), multiplexed: true);

        var captured = await output.ReadAllAsync(maxBytesPerStream: 7);

        Encoding.UTF8.GetString(captured.Stdout).ShouldBe("1234567");
        Encoding.UTF8.GetString(captured.Stderr).ShouldBe("e");
        captured.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task Raw_output_is_all_stdout()
    {
        await using var output = new DockerOutput(new MemoryStream("$ ls\r\nbin\r\n"u8.ToArray()), multiplexed: false);

        var captured = await output.ReadAllAsync(1024);

        output.IsMultiplexed.ShouldBeFalse();
        Encoding.UTF8.GetString(captured.Stdout).ShouldBe("$ ls\r\nbin\r\n");
        captured.Stderr.ShouldBeEmpty();
        captured.Truncated.ShouldBeFalse();
    }

    private static async Task<List<(DockerStreamKind, string)>> ReadAllAsync(MultiplexedStreamReader reader, int bufferSize)
    {
        var chunks = new List<(DockerStreamKind, string)>();
        var buffer = new byte[bufferSize];
        for (var reads = 0; reads < 10_000; reads++)
        {
            var chunk = await reader.ReadAsync(buffer, CancellationToken.None);
            if (chunk.IsEnd)
            {
                return chunks;
            }

            chunks.Add((chunk.Stream, Encoding.UTF8.GetString(buffer, 0, chunk.Count)));
        }

        throw new InvalidOperationException("the reader never reported the end");
    }

    private static string Joined(List<(DockerStreamKind Kind, string Text)> chunks, DockerStreamKind kind) =>
        string.Concat(chunks.Where(c => c.Kind == kind).Select(c => c.Text));

    /// <summary>Returns at most one byte per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
