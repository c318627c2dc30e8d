using System.Buffers.Binary;
using System.Text;
using Docker.DotNet;
using Molecule.Docker;

namespace Molecule.Tests.Docker;

/// <summary>Our output reader over the library's demultiplexer: stream kinds, frames, the capture cap.</summary>
public sealed class DockerOutputTests
{
    [Fact]
    public async Task Frames_come_apart_by_stream_in_order_and_stdin_echo_counts_as_stdout()
    {
        await using var output = Output(multiplexed: true, Frame(1, "out1\n"), Frame(2, "err\n"), Frame(0, "echoed"), Frame(1, "out2\n"));

        var chunks = await ReadChunksAsync(output, bufferSize: 64);

        output.IsMultiplexed.ShouldBeTrue();
        chunks.ShouldBe([
            (DockerStreamKind.Stdout, "out1\n"), (DockerStreamKind.Stderr, "err\n"), (DockerStreamKind.Stdout, "echoed"), (DockerStreamKind.Stdout, "out2\n"),
        ]);
    }

    [Fact]
    public async Task A_small_buffer_reads_a_frame_in_pieces_without_crossing_into_the_next()
    {
        await using var output = Output(multiplexed: true, Frame(1, "abcdefg"), Frame(2, "xy"));

        var chunks = await ReadChunksAsync(output, bufferSize: 3);

        chunks.ShouldBe([
            (DockerStreamKind.Stdout, "abc"), (DockerStreamKind.Stdout, "def"), (DockerStreamKind.Stdout, "g"), (DockerStreamKind.Stderr, "xy"),
        ]);
    }

    [Fact]
    public async Task A_buffer_that_is_not_an_array_is_filled_too()
    {
        await using var output = Output(multiplexed: true, Frame(2, "native"));
        using var owner = new NativeMemory(16);

        var chunk = await output.ReadAsync(owner.Memory);

        chunk.ShouldBe(new DockerChunk(DockerStreamKind.Stderr, 6));
        Encoding.UTF8.GetString(owner.Memory.Span[..6]).ShouldBe("native");
    }

    [Fact]
    public async Task Read_all_keeps_each_stream_up_to_the_cap()
    {
        await using var output = Output(multiplexed: true, Frame(1, "12345"), Frame(2, "e"), Frame(1, "6789"));

        var captured = await output.ReadAllAsync(maxBytesPerStream: 7);

        Encoding.UTF8.GetString(captured.Stdout).ShouldBe("1234567");
        Encoding.UTF8.GetString(captured.Stderr).ShouldBe("e");
        captured.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task Raw_output_is_all_stdout()
    {
        await using var output = Output(multiplexed: false, "$ ls\r\nbin\r\n"u8.ToArray());

        var captured = await output.ReadAllAsync(1024);

        output.IsMultiplexed.ShouldBeFalse();
        Encoding.UTF8.GetString(captured.Stdout).ShouldBe("$ ls\r\nbin\r\n");
        captured.Stderr.ShouldBeEmpty();
        captured.Truncated.ShouldBeFalse();
    }

    private static DockerOutput Output(bool multiplexed, params byte[][] parts) =>
        new(new MultiplexedStream(new MemoryStream([.. parts.SelectMany(part => part)]), multiplexed), multiplexed);

    /// <summary>One frame of the engine's framing: stream type, three zero bytes, big-endian length, payload.</summary>
    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static async Task<List<(DockerStreamKind, string)>> ReadChunksAsync(DockerOutput output, int bufferSize)
    {
        var chunks = new List<(DockerStreamKind, string)>();
        var buffer = new byte[bufferSize];
        for (var reads = 0; reads < 10_000; reads++)
        {
            var chunk = await output.ReadAsync(buffer);
            if (chunk.IsEnd)
            {
                return chunks;
            }

            chunks.Add((chunk.Stream, Encoding.UTF8.GetString(buffer, 0, chunk.Count)));
        }

        throw new InvalidOperationException("the output never reported its end");
    }

    /// <summary>Memory that does not hand out an array (as native or pooled memory may not).</summary>
    private sealed class NativeMemory(int length) : System.Buffers.MemoryManager<byte>
    {
        private readonly byte[] _hidden = new byte[length];

        public override Span<byte> GetSpan() => _hidden;

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
