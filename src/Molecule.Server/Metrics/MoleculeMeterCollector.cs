using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Molecule.Kernel.Diagnostics;

namespace Molecule.Server.Metrics;

/// <summary>
/// Listens to every instrument on the Kernel's <see cref="MoleculeMeter"/> and keeps running values
/// for /metrics: counters as Prometheus counters, up-down counters and gauges as gauges, histograms as
/// summaries (sum and count). Modules add instruments to the meter; nothing here names them.
/// </summary>
internal sealed class MoleculeMeterCollector : IHostedService, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentValues> _instruments = new();

    public MoleculeMeterCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MoleculeMeter.Name && KindOf(instrument) is { } kind)
            {
                _instruments.TryAdd(instrument, new InstrumentValues(kind));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out _);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    public void WriteTo(PrometheusTextWriter writer)
    {
        _listener.RecordObservableInstruments();
        foreach (var (instrument, values) in _instruments.OrderBy(i => i.Key.Name, StringComparer.Ordinal))
        {
            var name = PrometheusTextWriter.SanitizeName(instrument.Name);
            var help = instrument.Description ?? instrument.Name;
            var series = values.Snapshot();
            if (values.Kind == InstrumentKind.Summary)
            {
                writer.Family(name, "summary", help);
                foreach (var (labels, value) in series)
                {
                    writer.Sample(name + "_sum", labels, value.Sum);
                    writer.Sample(name + "_count", labels, value.Count);
                }

                continue;
            }

            writer.Family(name, values.Kind == InstrumentKind.Counter ? "counter" : "gauge", help);
            foreach (var (labels, value) in series)
            {
                writer.Sample(name, labels, value.Sum);
            }
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var values))
        {
            values.Record(tags, value);
        }
    }

    private static (InstrumentKind Kind, bool Cumulative)? KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition switch
        {
            _ when definition == typeof(Counter<>) => (InstrumentKind.Counter, false),
            _ when definition == typeof(ObservableCounter<>) => (InstrumentKind.Counter, true),
            _ when definition == typeof(UpDownCounter<>) => (InstrumentKind.Gauge, false),
            _ when definition == typeof(ObservableUpDownCounter<>) => (InstrumentKind.Gauge, true),
            _ when definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) => (InstrumentKind.Gauge, true),
            _ when definition == typeof(Histogram<>) => (InstrumentKind.Summary, false),
            _ => null,
        };
    }

    private enum InstrumentKind
    {
        Counter,
        Gauge,
        Summary,
    }

    private readonly record struct SeriesValue(double Sum, long Count);

    /// <summary>Running values of one instrument, per tag set.</summary>
    private sealed class InstrumentValues((InstrumentKind Kind, bool Cumulative) kind)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (MetricLabel[] Labels, SeriesValue Value)> _series = new(StringComparer.Ordinal);

        public InstrumentKind Kind => kind.Kind;

        public void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags, double value)
        {
            var labels = new MetricLabel[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new MetricLabel(
                    PrometheusTextWriter.SanitizeName(tags[i].Key),
                    Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
            }

            Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var key = string.Join('\u0001', labels.Select(l => l.Name + "\u0002" + l.Value));
            lock (_gate)
            {
                var current = _series.TryGetValue(key, out var entry) ? entry.Value : default;
                // Observable instruments report their current total; the others report deltas or samples.
                var next = kind.Cumulative ? new SeriesValue(value, 1) : new SeriesValue(current.Sum + value, current.Count + 1);
                _series[key] = (labels, next);
            }
        }

        public List<(MetricLabel[] Labels, SeriesValue Value)> Snapshot()
        {
            lock (_gate)
            {
                return _series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value).ToList();
            }
        }
    }
}
