using Molecule.Server.Metrics;

namespace Molecule.Tests.Host;

public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Writes_a_family_header_then_its_samples()
    {
        var writer = new PrometheusTextWriter();

        writer.Family("jobs_total", "counter", "Jobs run");
        writer.Sample("jobs_total", [new MetricLabel("kind", "a"), new MetricLabel("result", "ok")], 3);
        writer.Sample("jobs_total", [], 0.25);

        writer.ToString().ShouldBe(
            "# HELP jobs_total Jobs run\n" +
            "# TYPE jobs_total counter\n" +
            "jobs_total{kind=\"a\",result=\"ok\"} 3\n" +
            "jobs_total 0.25\n");
    }

    [Fact]
    public void Escapes_label_values_and_help_text()
    {
        var writer = new PrometheusTextWriter();

        writer.Family("m", "gauge", "line one\nback\\slash");
        writer.Sample("m", [new MetricLabel("path", "a\"b\\c\nd")], 1);

        writer.ToString().ShouldBe(
            "# HELP m line one\\nback\\\\slash\n" +
            "# TYPE m gauge\n" +
            "m{path=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(100.0, "100")]
    [InlineData(0.005, "0.005")]
    [InlineData(1234567.5, "1234567.5")]
    public void Formats_values_like_prometheus_expects(double value, string expected) =>
        PrometheusTextWriter.FormatValue(value).ShouldBe(expected);

    [Theory]
    [InlineData("molecule_events_published_total", "molecule_events_published_total")]
    [InlineData("molecule.ws-connections", "molecule_ws_connections")]
    [InlineData("9lives", "_lives")]
    [InlineData("a:b", "a:b")]
    [InlineData("", "_")]
    public void Sanitizes_names(string name, string expected) =>
        PrometheusTextWriter.SanitizeName(name).ShouldBe(expected);
}
