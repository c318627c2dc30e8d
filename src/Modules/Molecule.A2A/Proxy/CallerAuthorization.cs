using Microsoft.AspNetCore.Http;
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
/// No caller header means the canvas, which the reference does not authenticate here.
/// </summary>
internal sealed class CallerAuthorization(IWorkspaceTokens tokens, IWorkspaceHierarchy hierarchy)
{
    private static readonly string[] ReservedPrefixes = ["webhook:", "system:", "test:", "channel:"];

    public async Task<(A2ACaller? Caller, IResult? Denied)> AuthorizeAsync(HttpContext context, Guid targetId)
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

        if (await CheckTokenAsync(context, callerId) is { } denied)
        {
            return (null, denied);
        }

        return await hierarchy.CanCommunicateAsync(callerId, targetId, context.RequestAborted)
            ? (new A2ACaller(callerId), null)
            : (null, ApiError.Forbidden("access denied: workspaces cannot communicate per hierarchy rules"));
    }

    private async Task<IResult?> CheckTokenAsync(HttpContext context, Guid callerId)
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

        var bearer = BearerToken.From(context.Request);
        if (bearer is null)
        {
            return ApiError.Unauthorized("missing caller auth token");
        }

        return await tokens.ValidateAsync(callerId, bearer, context.RequestAborted)
            ? null
            : ApiError.Unauthorized("invalid caller auth token");
    }
}
