namespace Molecule.Server.Metrics;

/// <summary><c>GET /metrics</c>: the Prometheus scrape.</summary>
internal static class MetricsEndpoint
{
    public static async Task HandleAsync(
        HttpContext context,
        HttpRequestMetrics requests,
        MoleculeMeterCollector meter,
        WorkspaceStatusGauge workspaces)
    {
        var writer = new PrometheusTextWriter();
        requests.WriteTo(writer);
        meter.WriteTo(writer);
        await workspaces.WriteToAsync(writer, context.RequestAborted);
        ProcessMetrics.WriteTo(writer);

        context.Response.ContentType = PrometheusTextWriter.ContentType;
        await context.Response.WriteAsync(writer.ToString(), context.RequestAborted);
    }
}
