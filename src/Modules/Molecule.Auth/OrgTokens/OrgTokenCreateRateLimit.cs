using System.Globalization;
using System.Text.Json.Nodes;
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

    private readonly FixedWindowRateLimiter _limiter = new(PerHour, TimeSpan.FromHours(1), clock);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var response = context.HttpContext.Response;
        if (platform.Value.IsDevMode)
        {
            response.Headers["X-RateLimit-Limit"] = "unlimited";
            return await next(context);
        }

        var client = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var decision = _limiter.Acquire(client);
        var resetSeconds = (long)Math.Ceiling(decision.ResetIn.TotalSeconds);
        response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            return await next(context);
        }

        response.Headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiError.Of(StatusCodes.Status429TooManyRequests, "rate limit exceeded", new JsonObject { ["retry_after"] = resetSeconds });
    }
}
