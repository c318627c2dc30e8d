using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>Who is calling the proxy: a workspace (authenticated, hierarchy-checked) or the canvas.</summary>
internal sealed record A2ACaller(Guid? WorkspaceId)
{
    public bool IsCanvas => WorkspaceId is null;
}

/// <summary>
/// Steps 3–5 of the proxy: reserved caller prefixes, the caller's own token, and the hierarchy rule.
/// No caller header means the canvas, which the reference does not authenticate here. A caller that
/// passed both checks for a target is not looked up again for A2A_AUTH_CACHE_SECONDS.
/// </summary>
internal sealed class CallerAuthorization(
    IWorkspaceTokens tokens,
    IWorkspaceHierarchy hierarchy,
    [FromKeyedServices(CallerAuthorization.PassCacheKey)] RecentPassCache passes)
{
    public const string PassCacheKey = "a2a";

    private static readonly string[] ReservedPrefixes = ["webhook:", "system:", "test:", "channel:"];

    public async Task<(A2ACaller? Caller, ApiError? Denied)> AuthorizeAsync(HttpContext context, Guid targetId)
    {
        var header = CallerHeaders.Caller(context.Request);
        if (header.Length == 0)
        {
            return (new A2ACaller(null), null);
        }

        if (ReservedPrefixes.Any(p => header.StartsWith(p, StringComparison.Ordinal)) || !RouteIds.TryParse(header, out var callerId))
        {
            return (null, ApiError.Forbidden("invalid caller ID"));
        }

        if (callerId == targetId)
        {
            return (new A2ACaller(callerId), null);
        }

        var bearer = BearerToken.From(context.Request);
        if (passes.RecentlyPassed(callerId, targetId, bearer))
        {
            return (new A2ACaller(callerId), null);
        }

        if (await CheckTokenAsync(context, callerId, bearer) is { } denied)
        {
            return (null, denied);
        }

        if (!await hierarchy.CanCommunicateAsync(callerId, targetId, context.RequestAborted))
        {
            return (null, ApiError.Forbidden("access denied: workspaces cannot communicate per hierarchy rules"));
        }

        passes.Remember(callerId, targetId, bearer);
        return (new A2ACaller(callerId), null);
    }

    private async Task<ApiError?> CheckTokenAsync(HttpContext context, Guid callerId, string? bearer)
    {
        try
        {
            if (await tokens.CountLiveAsync(callerId, context.RequestAborted) == 0)
            {
                return null;
            }
        }
        catch (NpgsqlException)
        {
            return null; // the reference lets calls through when the token store cannot answer
        }

        if (bearer is null)
        {
            return ApiError.Unauthorized("missing caller auth token");
        }

        return await tokens.ValidateAsync(callerId, bearer, context.RequestAborted)
            ? null
            : ApiError.Unauthorized("invalid caller auth token");
    }
}
