using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Molecule.Ssh;

/// <summary>
/// Keeps one authenticated session per workspace key open for <see cref="SshOptions.SessionIdleSeconds"/>
/// after its last use, so back-to-back calls (a file list then a read) pay the key push, tunnel and
/// handshake once. A new session is opened only when none is usable: a fresh key, then
/// <see cref="ISshTransport.OpenAsync"/> (push it, open the path), then the connect. Callers that
/// arrive while a session is being opened wait for that one. A session that broke is dropped; a
/// command that failed because its session broke is retried once on a new session (never a
/// command that merely exited non-zero). Disposing the pool closes every session.
/// </summary>
public sealed class SshSessionPool : IAsyncDisposable
{
    private readonly SshOptions _options;
    private readonly ISshSessionConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PoolEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _closing = [];
    private readonly CancellationTokenSource _shutdown = new();
    private bool _disposed;

    internal SshSessionPool(IOptions<SshOptions> options, ISshSessionConnector connector, TimeProvider time, ILogger<SshSessionPool> logger)
    {
        _options = options.Value;
        _connector = connector;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many sessions are open or opening.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Runs a command on the workspace's session (opening one when needed), retrying once on a new session if the session broke.</summary>
    public async Task<SshCommandResult> RunAsync(string workspaceKey, ISshTransport transport, SshCommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            using var lease = await LeaseAsync(workspaceKey, transport, cancellationToken);
            try
            {
                return await lease.Session.RunAsync(request, cancellationToken);
            }
            catch (SshSessionException error) when (error.Kind == SshFailureKind.ConnectionLost)
            {
                lease.MarkBroken();
                if (attempt > 1)
                {
                    throw;
                }

                SshLog.PoolRetrying(_logger, workspaceKey, error.Message);
            }
        }
    }

    /// <summary>Opens a PTY shell on the workspace's session; the session stays open (and out of idle expiry) until the shell is disposed.</summary>
    public async Task<ISshShell> OpenShellAsync(string workspaceKey, ISshTransport transport, SshPtyRequest pty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pty);
        for (var attempt = 1; ; attempt++)
        {
            var lease = await LeaseAsync(workspaceKey, transport, cancellationToken);
            try
            {
                var shell = await lease.Session.OpenShellAsync(pty, cancellationToken);
                if (shell is SshShell owned)
                {
                    owned.AttachOwner(lease);
                    return shell;
                }

                return new LeasedShell(shell, lease);
            }
            catch (SshSessionException error) when (error.Kind == SshFailureKind.ConnectionLost && attempt == 1)
            {
                lease.MarkBroken();
                lease.Dispose();
                SshLog.PoolRetrying(_logger, workspaceKey, error.Message);
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }
    }

    /// <summary>Lends the workspace's session, opening one when none is usable. Dispose the lease when done.</summary>
    public async Task<SshSessionLease> LeaseAsync(string workspaceKey, ISshTransport transport, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceKey);
        ArgumentNullException.ThrowIfNull(transport);
        for (var attempt = 1; ; attempt++)
        {
            var (entry, reused) = Enter(workspaceKey, transport);
            PooledConnection connection;
            try
            {
                connection = await entry.Opening.WaitAsync(cancellationToken);
            }
            catch
            {
                Release(entry, broken: entry.Opening.IsFaulted || entry.Opening.IsCanceled);
                throw;
            }

            if (connection.Session.IsConnected)
            {
                return new SshSessionLease(this, entry, connection.Session, reused);
            }

            // A warm session that died while idle (tunnel closed, sshd restarted): replace it.
            Release(entry, broken: true);
            if (attempt > 1)
            {
                throw new SshSessionException(SshFailureKind.ConnectionLost, $"the new SSH session for {workspaceKey} closed as soon as it opened");
            }
        }
    }

    /// <summary>Closes the workspace's session now (e.g. its instance was stopped); a shell still using it ends.</summary>
    public void Evict(string workspaceKey)
    {
        PoolEntry? closing = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(workspaceKey, out var entry))
            {
                RetireLocked(entry);
                closing = entry;
            }
        }

        if (closing is not null)
        {
            Close(closing, "evicted");
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PoolEntry> open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _entries.Values];
            foreach (var entry in open)
            {
                RetireLocked(entry);
            }
        }

        await _shutdown.CancelAsync();
        foreach (var entry in open)
        {
            Close(entry, "shutting down");
        }

        Task[] closing;
        lock (_gate)
        {
            closing = [.. _closing];
        }

        await Task.WhenAll(closing);
        _shutdown.Dispose();
    }

    internal void Release(PoolEntry entry, bool broken)
    {
        var close = false;
        lock (_gate)
        {
            entry.Leases--;
            if (broken)
            {
                RetireLocked(entry);
            }

            if (entry.Leases > 0)
            {
                return;
            }

            if (entry.Retired)
            {
                close = true;
            }
            else if (_options.SessionIdleSeconds == 0)
            {
                RetireLocked(entry);
                close = true;
            }
            else
            {
                ArmIdleTimerLocked(entry);
            }
        }

        if (close)
        {
            Close(entry, broken ? "broken" : _options.SessionIdleSeconds == 0 ? "no idle time configured" : "released after it was retired");
        }
    }

    private (PoolEntry Entry, bool Reused) Enter(string workspaceKey, ISshTransport transport)
    {
        PoolEntry? expired = null;
        PoolEntry entry;
        bool reused;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(workspaceKey, out var existing) && existing.Leases == 0
                && _time.GetUtcNow() - existing.IdleSince >= _options.SessionIdle)
            {
                // Its timer is due but has not run yet: never hand out a session past its idle time.
                RetireLocked(existing);
                expired = existing;
                existing = null;
            }

            reused = existing is not null;
            if (existing is null)
            {
                SshLog.PoolOpening(_logger, workspaceKey);
                existing = new PoolEntry(workspaceKey, Task.Run(() => OpenAsync(transport), CancellationToken.None));
                _entries[workspaceKey] = existing;
            }

            entry = existing;
            entry.Leases++;
            entry.StopIdleTimer();
        }

        if (expired is not null)
        {
            Close(expired, "idle");
        }

        return (entry, reused);
    }

    /// <summary>Opens a session for whoever asked first; bounded by the open timeout and the pool's lifetime, not by that caller's token.</summary>
    private async Task<PooledConnection> OpenAsync(ISshTransport transport)
    {
        using var timeout = new CancellationTokenSource(_options.OpenTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown.Token);
        var key = SshKeyPair.Generate();
        SshPath? path = null;
        try
        {
            path = await transport.OpenAsync(key, linked.Token);
            var session = await _connector.ConnectAsync(path, key, linked.Token);
            return new PooledConnection(session, path, key);
        }
        catch (OperationCanceledException error) when (timeout.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            await DisposeQuietly(path, key);
            throw new SshSessionException(SshFailureKind.ConnectTimeout,
                $"opening an SSH session (key push, tunnel, handshake) took longer than {_options.OpenTimeoutSeconds} s", error);
        }
        catch
        {
            await DisposeQuietly(path, key);
            throw;
        }
    }

    private static async Task DisposeQuietly(SshPath? path, SshKeyPair key)
    {
        key.Dispose();
        if (path is not null)
        {
            try
            {
                await path.DisposeAsync();
            }
            catch (Exception)
            {
                // The open already failed; that failure is the one to report.
            }
        }
    }

    private void ArmIdleTimerLocked(PoolEntry entry)
    {
        entry.StopIdleTimer();
        entry.IdleSince = _time.GetUtcNow();
        var generation = entry.IdleGeneration;
        entry.IdleTimer = _time.CreateTimer(_ => OnIdleTimer(entry, generation), null, _options.SessionIdle, Timeout.InfiniteTimeSpan);
    }

    private void OnIdleTimer(PoolEntry entry, long generation)
    {
        lock (_gate)
        {
            if (entry.Retired || entry.Leases > 0 || entry.IdleGeneration != generation)
            {
                return;
            }

            RetireLocked(entry);
        }

        Close(entry, "idle");
    }

    private void RetireLocked(PoolEntry entry)
    {
        if (_entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
        {
            _entries.Remove(entry.Key);
        }

        entry.Retired = true;
        entry.StopIdleTimer();
    }

    /// <summary>Disposes a retired entry's connection in the background; the pool's dispose waits for it.</summary>
    private void Close(PoolEntry entry, string why)
    {
        lock (_gate)
        {
            if (entry.Closed)
            {
                return;
            }

            entry.Closed = true;
        }

        SshLog.PoolClosing(_logger, entry.Key, why);
        var closing = CloseAsync(entry);
        lock (_gate)
        {
            if (!closing.IsCompleted)
            {
                _closing.Add(closing);
                closing.ContinueWith(done => Forget(done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private void Forget(Task closing)
    {
        lock (_gate)
        {
            _closing.Remove(closing);
        }
    }

    private async Task CloseAsync(PoolEntry entry)
    {
        PooledConnection connection;
        try
        {
            connection = await entry.Opening;
        }
        catch (Exception)
        {
            return; // it never opened: the caller that waited for it got the error
        }

        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception error)
        {
            SshLog.PoolCloseFailed(_logger, entry.Key, error);
        }
    }

    /// <summary>A shell from a session that is not ours (a test fake), released with its lease.</summary>
    private sealed class LeasedShell(ISshShell inner, SshSessionLease lease) : ISshShell
    {
        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => inner.ReadAsync(buffer, cancellationToken);

        public ValueTask WriteAsync(ReadOnlyMemory<byte> keystrokes, CancellationToken cancellationToken) => inner.WriteAsync(keystrokes, cancellationToken);

        public void Resize(int columns, int rows) => inner.Resize(columns, rows);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync();
            }
            finally
            {
                lease.Dispose();
            }
        }
    }
}
