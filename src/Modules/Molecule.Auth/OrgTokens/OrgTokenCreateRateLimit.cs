using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;

namespace Molecule.Auth.OrgTokens;

/// <summary>
/// POST /org/tokens has its own 10-per-hour allowance per client IP, on top of the global limiter; its
/// headers replace the global ones. Dev mode disables it, as it does every limiter.
/// </summary>
internal sealed class OrgTokenCreateRateLimit(TimeProvider clock, IOptions<PlatformOptions> platform) : IEndpointFilter
{
    public const int PerHour = 10;

    // Few clients ever mint org tokens; the cap only bounds memory under abuse.
    private readonly FixedWindowRateLimiter _limiter = new(PerHour, TimeSpan.FromHours(1), clock, maxClients: 10_000);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var response = context.HttpContext.Response;
        if (platform.Value.IsDevMode)
        {
            response.Headers["X-RateLimit-Limit"] = "unlimited";
            return await next(context);
        }

        var decision = _limiter.Acquire(FixedWindowRateLimiter.ClientKey(context.HttpContext.Connection.RemoteIpAddress));
        decision.WriteHeaders(response.Headers);
        return decision.Allowed ? await next(context) : decision.Refusal();
    }
}
