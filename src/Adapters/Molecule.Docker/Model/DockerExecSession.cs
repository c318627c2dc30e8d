using System.Buffers;
using System.Runtime.InteropServices;
using Docker.DotNet;

namespace Molecule.Docker;

/// <summary>
/// A started exec on its hijacked connection: write stdin, read <see cref="Output"/>. Dispose it to
/// drop the connection (the process keeps running until it ends by itself).
/// </summary>
public sealed class DockerExecSession : IAsyncDisposable
{
    internal DockerExecSession(string execId, bool tty, MultiplexedStream connection)
    {
        ExecId = execId;
        Tty = tty;
        Output = new DockerOutput(connection, multiplexed: !tty);
    }

    public string ExecId { get; }

    public bool Tty { get; }

    /// <summary>With a TTY: raw terminal bytes. Without: stdout and stderr demultiplexed.</summary>
    public DockerOutput Output { get; }

    /// <summary>Sends bytes to the process's stdin (keystrokes, with a TTY). The connection does not buffer: they leave at once.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default)
    {
        if (MemoryMarshal.TryGetArray(input, out var segment))
        {
            await Output.Stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken);
            return;
        }

        // The library writes from arrays only.
        var rented = ArrayPool<byte>.Shared.Rent(input.Length);
        try
        {
            input.CopyTo(rented);
            await Output.Stream.WriteAsync(rented, 0, input.Length, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Half-closes the connection so the process reads end-of-file on stdin; output keeps flowing.
    /// Only meaningful without a TTY — with one the engine closes the output instead, so end a TTY
    /// session by writing <c>exit\n</c> or Ctrl-D.
    /// </summary>
    public void CloseStdin() => Output.Stream.CloseWrite();

    public ValueTask DisposeAsync() => Output.DisposeAsync();
}
