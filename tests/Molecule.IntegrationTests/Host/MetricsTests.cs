using System.Net;
using Molecule.Kernel.Diagnostics;
using Molecule.Testing;
using Npgsql;

namespace Molecule.IntegrationTests.Host;

public sealed class MetricsTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public MetricsTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Metrics_count_requests_by_method_route_template_and_status()
    {
        var client = _app.Client();
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/no/such/path")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.ToString().ShouldStartWith("text/plain; version=0.0.4");
        text.ShouldContain("# TYPE molecule_http_requests_total counter");
        text.ShouldContain("molecule_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}");
        text.ShouldContain("molecule_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}");
        text.ShouldContain("molecule_http_request_duration_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
        text.ShouldNotContain("/no/such/path");
    }

    [Fact]
    public async Task Metrics_count_workspaces_by_status_at_scrape_time()
    {
        foreach (var (name, status) in new[] { ("a", "online"), ("b", "online"), ("c", "paused") })
        {
            await _app.Db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, Status = status });
        }

        var text = await _app.Client().GetStringAsync("/metrics");

        text.ShouldContain("# TYPE molecule_workspaces gauge");
        text.ShouldContain("molecule_workspaces{status=\"online\"} 2\n");
        text.ShouldContain("molecule_workspaces{status=\"paused\"} 1\n");
        text.ShouldContain("molecule_workspaces{status=\"hibernating\"} 0\n");
    }

    [Fact]
    public async Task Metrics_expose_counters_recorded_on_the_kernel_meter()
    {
        MoleculeMeter.EventsPublished.Add(1, new KeyValuePair<string, object?>("event_type", "METRICS_TEST_EVENT"));

        var text = await _app.Client().GetStringAsync("/metrics");

        text.ShouldContain("# TYPE molecule_events_published_total counter");
        text.ShouldContain("molecule_events_published_total{event_type=\"METRICS_TEST_EVENT\"}");
    }
}
