namespace Molecule.Testing;

/// <summary>
/// A clock tests move by hand. Only "now" is faked: timers still run on real time, so tests call
/// a sweep's single pass directly instead of waiting for its timer.
/// </summary>
public sealed class WorkspacesFakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public WorkspacesFakeClock()
        : this(new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
