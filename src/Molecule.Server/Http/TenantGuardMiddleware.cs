using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;

namespace Molecule.Server.Http;

/// <summary>
/// On a SaaS tenant (<c>MOLECULE_ORG_ID</c> set), hides the server from requests not addressed to this
/// org with an empty 404 (spec/api-contract.md §3.5). Agents' register and heartbeat, the probes, and
/// the control-plane proxy always pass.
/// </summary>
internal sealed class TenantGuardMiddleware(RequestDelegate next, IOptions<PlatformOptions> options)
{
    private static readonly HashSet<string> OpenPaths =
        new(["/health", "/metrics", "/registry/register", "/registry/heartbeat"], StringComparer.Ordinal);

    private readonly PlatformOptions _platform = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        if (string.IsNullOrEmpty(_platform.OrgId) || Allows(context.Request, _platform))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public static bool Allows(HttpRequest request, PlatformOptions platform)
    {
        var orgId = platform.OrgId!;
        var path = request.Path.Value ?? "";
        return OpenPaths.Contains(path) ||
               path.StartsWith("/cp/", StringComparison.Ordinal) ||
               request.Headers["X-Molecule-Org-Id"].ToString() == orgId ||
               FlyReplayNames(request.Headers["Fly-Replay-Src"].ToString(), orgId) ||
               SameOriginCanvas.Matches(request, platform);
    }

    /// <summary>Fly's replay header, <c>instance=…;region=…;state=&lt;org id&gt;</c>, routed here for this org.</summary>
    public static bool FlyReplayNames(string flyReplaySrc, string orgId)
    {
        foreach (var segment in flyReplaySrc.Split(';', StringSplitOptions.TrimEntries))
        {
            if (segment.StartsWith("state=", StringComparison.Ordinal) && segment["state=".Length..] == orgId)
            {
                return true;
            }
        }

        return false;
    }
}

internal static class TenantGuardExtensions
{
    public static IApplicationBuilder UseTenantGuard(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantGuardMiddleware>();
}
