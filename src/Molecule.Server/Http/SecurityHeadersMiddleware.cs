namespace Molecule.Server.Http;

/// <summary>
/// The reference's security headers (spec/api-contract.md §1 item 5), with a strict CSP on API paths
/// and the canvas CSP elsewhere. Added as the response starts, and only where absent, so a handler can
/// still set its own and the headers survive the exception handler clearing the response; unlike the
/// reference, rate-limit and tenant-guard answers carry them too.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiCsp = "default-src 'self'";

    public const string CanvasCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:";

    private static readonly string[] ApiPrefixes =
    [
        "/workspaces", "/registry", "/health", "/admin", "/metrics", "/settings", "/bundles", "/org", "/orgs",
        "/templates", "/plugins", "/webhooks", "/channels", "/ws", "/events", "/approvals",
    ];

    private static readonly Func<object, Task> AddHeaders = state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("X-Frame-Options", "DENY");
        headers.TryAdd("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        headers.TryAdd("Content-Security-Policy", IsApiPath(context.Request.Path) ? ApiCsp : CanvasCsp);
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(AddHeaders, context);
        return next(context);
    }

    /// <summary>An API prefix matched exactly or followed by a slash, as the reference matches it.</summary>
    public static bool IsApiPath(PathString path)
    {
        var value = path.Value ?? "";
        foreach (var prefix in ApiPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal) &&
                (value.Length == prefix.Length || value[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}

internal static class SecurityHeadersExtensions
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>();
}
