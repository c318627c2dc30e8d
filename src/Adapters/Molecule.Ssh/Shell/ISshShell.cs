namespace Molecule.Ssh;

/// <summary>
/// An interactive shell on a remote PTY. Bytes both ways are raw terminal bytes (stderr is merged by
/// the PTY). <see cref="ReadAsync"/> answers 0 once the shell has exited or the session closed.
/// </summary>
public interface ISshShell : IAsyncDisposable
{
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends keystrokes (sent at once, not buffered).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> keystrokes, CancellationToken cancellationToken);

    /// <summary>Tells the remote PTY its new size (an SSH window-change request: the shell gets SIGWINCH).</summary>
    void Resize(int columns, int rows);
}
