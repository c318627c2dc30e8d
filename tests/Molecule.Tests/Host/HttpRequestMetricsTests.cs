using Molecule.Server.Metrics;

namespace Molecule.Tests.Host;

public sealed class HttpRequestMetricsTests
{
    [Fact]
    public void Writes_counts_and_a_cumulative_histogram_per_label_set()
    {
        var metrics = new HttpRequestMetrics();
        metrics.Record("GET", "/workspaces/{id}", 200, TimeSpan.FromMilliseconds(3));
        metrics.Record("GET", "/workspaces/{id}", 200, TimeSpan.FromMilliseconds(40));
        metrics.Record("GET", "/workspaces/{id}", 200, TimeSpan.FromSeconds(60));
        var writer = new PrometheusTextWriter();

        metrics.WriteTo(writer);
        var text = writer.ToString();

        const string labels = "method=\"GET\",route=\"/workspaces/{id}\",status=\"200\"";
        text.ShouldContain($"molecule_http_requests_total{{{labels}}} 3\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_bucket{{{labels},le=\"0.005\"}} 1\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_bucket{{{labels},le=\"0.05\"}} 2\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_bucket{{{labels},le=\"30\"}} 2\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 3\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_count{{{labels}}} 3\n");
        text.ShouldContain($"molecule_http_request_duration_seconds_sum{{{labels}}} 60.043\n");
    }

    [Fact]
    public void Unusual_methods_are_folded_so_labels_stay_bounded()
    {
        var metrics = new HttpRequestMetrics();
        metrics.Record("BREW", "unmatched", 404, TimeSpan.Zero);
        metrics.Record("PROPFIND", "unmatched", 404, TimeSpan.Zero);
        var writer = new PrometheusTextWriter();

        metrics.WriteTo(writer);

        writer.ToString().ShouldContain("molecule_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 2\n");
        writer.ToString().ShouldNotContain("BREW");
    }
}
