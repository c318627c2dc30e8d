using Molecule.Docker.Transport;

namespace Molecule.Docker;

/// <summary>
/// A started exec on its hijacked connection: write stdin, read <see cref="Output"/>. Dispose it to
/// drop the connection (the process keeps running until it ends by itself).
/// </summary>
public sealed class DockerExecSession : IAsyncDisposable
{
    private readonly Stream _connection;
    private readonly HijackedSocket _socket;

    internal DockerExecSession(string execId, bool tty, Stream connection, HijackedSocket socket, DockerOutput output)
    {
        ExecId = execId;
        Tty = tty;
        _connection = connection;
        _socket = socket;
        Output = output;
    }

    public string ExecId { get; }

    public bool Tty { get; }

    /// <summary>With a TTY: raw terminal bytes. Without: stdout and stderr demultiplexed.</summary>
    public DockerOutput Output { get; }

    /// <summary>Sends bytes to the process's stdin (keystrokes, with a TTY).</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default)
    {
        await _connection.WriteAsync(input, cancellationToken);
        await _connection.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Half-closes the connection so the process reads end-of-file on stdin; output keeps flowing.
    /// Only meaningful without a TTY — with one the engine closes the output instead, so end a TTY
    /// session by writing <c>exit\n</c> or Ctrl-D.
    /// </summary>
    public void CloseStdin() => _socket.ShutdownSend();

    public ValueTask DisposeAsync() => Output.DisposeAsync();
}
