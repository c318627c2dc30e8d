using System.Diagnostics.Metrics;
using Molecule.Kernel.Diagnostics;
using Molecule.Server.Metrics;

namespace Molecule.Tests.Host;

public sealed class MoleculeMeterCollectorTests
{
    [Fact]
    public async Task Exposes_every_instrument_on_the_molecule_meter_by_tags()
    {
        // A second meter with the kernel meter's name stands in for a module's instruments.
        using var meter = new Meter(MoleculeMeter.Name);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var counter = meter.CreateCounter<long>($"test_{suffix}_total", description: "A test counter");
        var inFlight = meter.CreateUpDownCounter<int>($"test_{suffix}_in_flight");
        var sizes = meter.CreateHistogram<double>($"test_{suffix}_size");
        meter.CreateObservableGauge($"test_{suffix}_connections", () => 7);
        using var collector = new MoleculeMeterCollector();
        await collector.StartAsync(CancellationToken.None);

        counter.Add(2, new KeyValuePair<string, object?>("event_type", "B"), new KeyValuePair<string, object?>("area", "x"));
        counter.Add(3, new KeyValuePair<string, object?>("area", "x"), new KeyValuePair<string, object?>("event_type", "B"));
        inFlight.Add(4);
        inFlight.Add(-1);
        sizes.Record(1.5);
        sizes.Record(2.5);
        var writer = new PrometheusTextWriter();
        collector.WriteTo(writer);
        var text = writer.ToString();

        text.ShouldContain($"# TYPE test_{suffix}_total counter\n");
        text.ShouldContain($"# HELP test_{suffix}_total A test counter\n");
        text.ShouldContain($"test_{suffix}_total{{area=\"x\",event_type=\"B\"}} 5\n");
        text.ShouldContain($"# TYPE test_{suffix}_in_flight gauge\n");
        text.ShouldContain($"test_{suffix}_in_flight 3\n");
        text.ShouldContain($"# TYPE test_{suffix}_size summary\n");
        text.ShouldContain($"test_{suffix}_size_sum 4\n");
        text.ShouldContain($"test_{suffix}_size_count 2\n");
        text.ShouldContain($"test_{suffix}_connections 7\n");
    }

    [Fact]
    public async Task Ignores_other_meters()
    {
        using var meter = new Meter("Somebody.Else");
        var name = $"foreign_{Guid.NewGuid():N}";
        meter.CreateCounter<long>(name).Add(1);
        using var collector = new MoleculeMeterCollector();
        await collector.StartAsync(CancellationToken.None);
        var writer = new PrometheusTextWriter();

        collector.WriteTo(writer);

        writer.ToString().ShouldNotContain(name);
    }
}
