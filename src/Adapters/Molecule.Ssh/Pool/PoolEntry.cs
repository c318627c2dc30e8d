namespace Molecule.Ssh;

/// <summary>
/// The pool's slot for one workspace key: the session being opened or open, how many callers use
/// it, and its idle timer. Mutable state is touched only under the pool's lock.
/// </summary>
internal sealed class PoolEntry(string key, Task<PooledConnection> opening)
{
    public string Key { get; } = key;

    public Task<PooledConnection> Opening { get; } = opening;

    public int Leases { get; set; }

    public bool Retired { get; set; }

    /// <summary>Its connection has been handed to the closer (once, whoever retired it).</summary>
    public bool Closed { get; set; }

    public DateTimeOffset IdleSince { get; set; }

    /// <summary>Bumped whenever the entry is used, so a timer armed for an older idle spell does nothing.</summary>
    public long IdleGeneration { get; set; }

    public ITimer? IdleTimer { get; set; }

    public void StopIdleTimer()
    {
        IdleGeneration++;
        IdleTimer?.Dispose();
        IdleTimer = null;
    }
}
