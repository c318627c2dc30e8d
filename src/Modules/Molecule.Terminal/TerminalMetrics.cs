using System.Diagnostics.Metrics;
using Molecule.Kernel.Diagnostics;
using Molecule.Terminal.Connect;

namespace Molecule.Terminal;

/// <summary>The module's instruments on the shared Molecule meter.</summary>
internal static class TerminalMetrics
{
    public static readonly UpDownCounter<long> Sessions = MoleculeMeter.Meter.CreateUpDownCounter<long>(
        "molecule_terminal_sessions", description: "Open terminal sessions");

    public static readonly Counter<long> Ended = MoleculeMeter.Meter.CreateCounter<long>(
        "molecule_terminal_sessions_ended_total", description: "Terminal sessions ended, by reason");

    public static void RecordEnded(TerminalEnding ending) =>
        Ended.Add(1, new KeyValuePair<string, object?>("reason", ending.ToString()));
}
