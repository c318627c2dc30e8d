using System.Diagnostics.Metrics;

namespace Molecule.Kernel.Diagnostics;

/// <summary>
/// The in-box meter every module records on; the host's /metrics endpoint listens to it and writes
/// the Prometheus text format.
/// </summary>
public static class MoleculeMeter
{
    public const string Name = "Molecule";

    public static readonly Meter Meter = new(Name);

    /// <summary>Events delivered to the bus, tagged with <c>event_type</c>.</summary>
    public static readonly Counter<long> EventsPublished =
        Meter.CreateCounter<long>("molecule_events_published_total", description: "Events published on the bus");
}
