using System.Diagnostics.Metrics;
using Molecule.Kernel.Diagnostics;

namespace Molecule.Events;

/// <summary>The module's instruments on the shared Molecule meter.</summary>
internal static class EventsMetrics
{
    public static readonly Counter<long> Dropped = MoleculeMeter.Meter.CreateCounter<long>(
        "molecule_events_dropped_total", description: "Events not delivered because a subscriber's buffer was full");

    public static readonly UpDownCounter<long> Clients = MoleculeMeter.Meter.CreateUpDownCounter<long>(
        "molecule_event_clients", description: "Connected event clients, by transport (websocket, sse)");

    public static readonly KeyValuePair<string, object?> WebSocketTransport = new("transport", "websocket");

    public static readonly KeyValuePair<string, object?> SseTransport = new("transport", "sse");
}
