using System.Diagnostics;

namespace Molecule.Server.Http;

/// <summary>
/// One log line per request: method, route template, status and elapsed time. Never the path,
/// query string, headers or body, which can carry tokens and secrets.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
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
            LogRequest(
                context.Request.Method,
                RouteLabel.Of(context),
                context.Response.StatusCode,
                Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs} ms")]
    private partial void LogRequest(string method, string route, int statusCode, double elapsedMs);
}

internal static class RequestLoggingExtensions
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLoggingMiddleware>();
}
