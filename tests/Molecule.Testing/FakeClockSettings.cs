namespace Molecule.Testing;

/// <summary>
/// Settings for a host that runs on a <c>FakeTimeProvider</c>. Advancing a fake clock fires every
/// timer that falls due, so a background sweep would run beside the single pass the test calls and
/// race it; these push every sweep's interval beyond any advance a test makes (a day: timers
/// refuse periods past about 49 days).
/// </summary>
public static class FakeClockSettings
{
    public static IReadOnlyDictionary<string, string?> IdleSweeps { get; } = new Dictionary<string, string?>
    {
        ["LIVENESS_SWEEP_SECONDS"] = "86400",
        ["Provisioner:TimeoutSweepIntervalSeconds"] = "86400",
        ["Provisioner:ReconcileIntervalSeconds"] = "86400",
        ["ACTIVITY_CLEANUP_INTERVAL_HOURS"] = "24",
    };
}
