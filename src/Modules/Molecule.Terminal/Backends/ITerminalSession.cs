namespace Molecule.Terminal.Backends;

/// <summary>
/// A running interactive shell on a TTY. One reader and one writer may use it at the same time.
/// Disposing it ends the shell and every process started from it, if they still run, so a
/// session never outlives its WebSocket.
/// </summary>
internal interface ITerminalSession : IAsyncDisposable
{
    /// <summary>Which shell runs, e.g. <c>/bin/sh</c> (for logs).</summary>
    string Shell { get; }

    /// <summary>
    /// The next terminal output bytes; 0 means the shell ended. Not cancellable: disposing the
    /// session ends a pending read.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>Keystrokes (or pasted text) for the shell.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken);

    Task ResizeAsync(TerminalSize size, CancellationToken cancellationToken);

    /// <summary>After the output ended: the shell's exit code, null when the backend cannot tell.</summary>
    Task<int?> GetExitCodeAsync(CancellationToken cancellationToken);
}
