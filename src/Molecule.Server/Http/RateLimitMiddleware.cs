using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Molecule.Server.Configuration;

namespace Molecule.Server.Http;

/// <summary>
/// Per-IP limit on every route, /health and /metrics included (spec/api-contract.md §1 item 2).
/// The client is the TCP peer: X-Forwarded-For is ignored, as the reference trusts no proxy.
/// Dev mode skips the limit and says so with <c>X-RateLimit-Limit: unlimited</c>.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, FixedWindowRateLimiter limiter, IOptions<PlatformOptions> platform)
{
    private static readonly Func<object, Task> AddUnlimitedHeader = state =>
    {
        ((HttpResponse)state).Headers.TryAdd("X-RateLimit-Limit", "unlimited");
        return Task.CompletedTask;
    };

    private readonly bool _devMode = platform.Value.IsDevMode;

    public async Task InvokeAsync(HttpContext context)
    {
        var response = context.Response;
        if (_devMode)
        {
            response.OnStarting(AddUnlimitedHeader, response);
            await next(context);
            return;
        }

        var decision = limiter.Acquire(ClientKey(context.Connection.RemoteIpAddress));

        // As the response starts, so the headers survive the exception handler clearing the response;
        // only where absent, because a route's own limiter (POST /org/tokens) reports its headers instead.
        response.OnStarting(() =>
        {
            if (response.Headers.TryAdd("X-RateLimit-Limit", decision.Limit.ToString(CultureInfo.InvariantCulture)))
            {
                response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        response.Headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiError.Of(StatusCodes.Status429TooManyRequests, "rate limit exceeded",
            new JsonObject { ["retry_after"] = decision.ResetSeconds }).ExecuteAsync(context);
    }

    /// <summary>One key per address; IPv4 seen through an IPv6 socket counts as the IPv4 address.</summary>
    public static string ClientKey(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}

internal static class RateLimitExtensions
{
    // A client table this size is a few megabytes; beyond it new clients share the overflow window.
    private const int MaxTrackedClients = 100_000;

    public static IServiceCollection AddRequestRateLimit(this IServiceCollection services) =>
        services.AddSingleton(provider => new FixedWindowRateLimiter(
            provider.GetRequiredService<IOptions<ServerOptions>>().Value.RateLimitPerMinute,
            TimeSpan.FromMinutes(1),
            provider.GetRequiredService<TimeProvider>(),
            MaxTrackedClients));

    public static IApplicationBuilder UseRequestRateLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<RateLimitMiddleware>();
}
