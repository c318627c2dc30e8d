using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Molecule.Kernel.Http;

namespace Molecule.Server.Health;

/// <summary>
/// <c>GET /health</c>: <c>{"checks":{"postgres":"ok"},"status":"ok"}</c> while every dependency check
/// passes (clients match the substring <c>"status":"ok"</c>), else 503 with <c>"status":"degraded"</c>
/// and the failing check's short reason. Modules add their own checks with <c>AddHealthChecks()</c>.
/// </summary>
internal static class HealthEndpoint
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static async Task HandleAsync(HttpContext context, HealthCheckService health)
    {
        var report = await health.CheckHealthAsync(context.RequestAborted);
        var healthy = report.Status == HealthStatus.Healthy;

        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, MoleculeJson.WriterOptions);
        json.WriteStartObject();
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteString(name, Describe(entry));
        }

        json.WriteEndObject();
        json.WriteString("status", healthy ? "ok" : "degraded");
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// A check's own short reason, but never the text of an exception it threw (the health service
    /// puts that in the description), since /health is public.
    /// </summary>
    private static string Describe(HealthReportEntry entry) => entry switch
    {
        { Status: HealthStatus.Healthy } => "ok",
        { Exception: null, Description: { Length: > 0 } reason } => reason,
        _ => "failed",
    };
}
