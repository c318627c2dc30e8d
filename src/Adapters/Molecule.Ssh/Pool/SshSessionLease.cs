namespace Molecule.Ssh;

/// <summary>
/// A pooled session lent to one caller for several steps. Dispose it to hand the session back;
/// <see cref="MarkBroken"/> first when it failed at the connection level, so nobody else gets it.
/// </summary>
public sealed class SshSessionLease : IDisposable
{
    private readonly SshSessionPool _pool;
    private readonly PoolEntry _entry;
    private bool _broken;
    private int _released;

    internal SshSessionLease(SshSessionPool pool, PoolEntry entry, ISshSession session, bool reused)
    {
        _pool = pool;
        _entry = entry;
        Session = session;
        Reused = reused;
    }

    public ISshSession Session { get; }

    /// <summary>True when the session was already open (no key push, tunnel or handshake was paid for it).</summary>
    public bool Reused { get; }

    public void MarkBroken() => _broken = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _pool.Release(_entry, _broken || !Session.IsConnected);
        }
    }
}
