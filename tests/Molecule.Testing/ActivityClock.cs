namespace Molecule.Testing;

/// <summary>A clock the test moves by hand, for time-based jobs such as activity retention.</summary>
public sealed class ActivityClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
