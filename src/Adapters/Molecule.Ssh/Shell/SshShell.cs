using Renci.SshNet;

namespace Molecule.Ssh;

/// <summary>An <see cref="ISshShell"/> over SSH.NET's <see cref="ShellStream"/>.</summary>
internal sealed class SshShell(ShellStream stream, SshEndpoint endpoint) : ISshShell
{
    private IDisposable? _owner;
    private int _disposed;

    /// <summary>Something to release with the shell, e.g. the pool lease that keeps its session open.</summary>
    public void AttachOwner(IDisposable owner) => _owner = owner;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            // ShellStream has no async read of its own: the base class runs its blocking Read on the
            // thread pool and ignores the token once started. WaitAsync lets the caller stop
            // waiting; the abandoned read ends when the shell is disposed.
            return await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
        catch (Exception error) when (SshFailures.IsConnectionLevel(error))
        {
            throw SshFailures.Lost(error, endpoint);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> keystrokes, CancellationToken cancellationToken)
    {
        try
        {
            // ShellStream buffers writes until Flush; a terminal wants each keystroke sent now.
            await stream.WriteAsync(keystrokes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        catch (Exception error) when (SshFailures.IsConnectionLevel(error))
        {
            throw SshFailures.Lost(error, endpoint);
        }
    }

    public void Resize(int columns, int rows)
    {
        SshPtyRequest.CheckSize(columns, nameof(columns));
        SshPtyRequest.CheckSize(rows, nameof(rows));
        try
        {
            stream.ChangeWindowSize((uint)columns, (uint)rows, 0, 0);
        }
        catch (Exception error) when (SshFailures.IsConnectionLevel(error))
        {
            throw SshFailures.Lost(error, endpoint);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                stream.Dispose();
            }
            finally
            {
                _owner?.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }
}
