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

        var decision = limiter.Acquire(FixedWindowRateLimiter.ClientKey(context.Connection.RemoteIpAddress));

        // As the response starts, so the headers survive the exception handler clearing the response;
        // only where absent, because a route's own limiter (POST /org/tokens) reports its headers instead.
        response.OnStarting(() =>
        {
            if (!response.Headers.ContainsKey("X-RateLimit-Limit"))
            {
                decision.WriteHeaders(response.Headers);
            }

            return Task.CompletedTask;
        });

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        await decision.Refusal().ExecuteAsync(context);
    }
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
