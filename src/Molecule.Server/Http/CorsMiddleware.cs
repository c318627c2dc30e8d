using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Molecule.Kernel.Configuration;

namespace Molecule.Server.Http;

/// <summary>
/// CORS for the cross-origin canvas (spec/api-contract.md §1 item 1, clients.md §0 items 3–4).
/// An allowed origin is one in <c>CORS_ORIGINS</c>, or this server's own <c>http(s)://Host</c>, which
/// the SDK and the channel plugin send from outside any browser. Allowed origins are echoed with
/// credentials, and their preflights are answered here on every path, known or not.
/// A disallowed origin gets no CORS headers: its preflight is refused with 403 as in the reference,
/// but a plain request is served (the reference 403s it), because without the headers a browser
/// keeps the response from the page anyway, while non-browser clients keep working.
/// </summary>
internal sealed class CorsMiddleware
{
    public const string AllowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    public const string AllowedHeaders =
        "Origin, Content-Type, X-Workspace-ID, Authorization, X-Source-Workspace-Id, X-Molecule-Org-Id, X-Molecule-Org-Slug, X-Timeout";

    // Retry-After and the rate-limit headers are not CORS-safelisted; the canvas retries 429s by them.
    public const string ExposedHeaders = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";

    // gin-contrib/cors's default preflight cache: 12 hours.
    private const string MaxAgeSeconds = "43200";

    private static readonly Func<object, Task> AddActualRequestHeaders = state =>
    {
        var context = (HttpContext)state;
        AddCommonHeaders(context.Response.Headers, context.Request.Headers.Origin.ToString());
        context.Response.Headers[HeaderNames.AccessControlExposeHeaders] = ExposedHeaders;
        return Task.CompletedTask;
    };

    private readonly RequestDelegate _next;
    private readonly HashSet<string> _origins;

    public CorsMiddleware(RequestDelegate next, IOptions<PlatformOptions> options)
    {
        _next = next;
        _origins = new HashSet<string>(options.Value.CorsOriginList, StringComparer.Ordinal);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return _next(context);
        }

        var allowed = _origins.Contains(origin) || IsOwnOrigin(origin, request.Host);
        // Like gin-contrib/cors, any OPTIONS carrying an Origin is taken as a preflight.
        if (HttpMethods.IsOptions(request.Method))
        {
            return AnswerPreflight(context.Response, allowed ? origin : null);
        }

        if (allowed)
        {
            // As the response starts, so the headers survive the exception handler clearing the response.
            context.Response.OnStarting(AddActualRequestHeaders, context);
        }

        return _next(context);
    }

    /// <summary>The request comes from this server's own origin (either scheme, as gin-contrib/cors checks).</summary>
    public static bool IsOwnOrigin(string origin, HostString host) =>
        host.HasValue &&
        (string.Equals(origin, "http://" + host.Value, StringComparison.OrdinalIgnoreCase) ||
         string.Equals(origin, "https://" + host.Value, StringComparison.OrdinalIgnoreCase));

    private static Task AnswerPreflight(HttpResponse response, string? allowedOrigin)
    {
        if (allowedOrigin is null)
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        AddCommonHeaders(response.Headers, allowedOrigin);
        response.Headers[HeaderNames.AccessControlAllowMethods] = AllowedMethods;
        response.Headers[HeaderNames.AccessControlAllowHeaders] = AllowedHeaders;
        response.Headers[HeaderNames.AccessControlMaxAge] = MaxAgeSeconds;
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void AddCommonHeaders(IHeaderDictionary headers, string origin)
    {
        headers[HeaderNames.AccessControlAllowOrigin] = origin;
        headers[HeaderNames.AccessControlAllowCredentials] = "true";
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
    }
}

internal static class CorsExtensions
{
    public static IApplicationBuilder UseMoleculeCors(this IApplicationBuilder app) =>
        app.UseMiddleware<CorsMiddleware>();
}
