using System.Diagnostics;
using Molecule.Server.Http;

namespace Molecule.Server.Metrics;

/// <summary>Counts every answered request, the ones refused by the rate limit or tenant guard included.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, HttpRequestMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            metrics.Record(context.Request.Method, RouteLabel.Of(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }
}
