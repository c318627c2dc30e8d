using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Registry.Gates;

/// <summary>
/// The token gates inside the registry handlers (spec §3.8). A workspace that has never been given a
/// token may speak without one (that is how an agent bootstraps); after that only its own bearer counts.
/// ADMIN_TOKEN and org tokens are deliberately not accepted here.
/// </summary>
internal sealed class RegistryGate(IWorkspaceTokens tokens)
{
    /// <summary>For register, heartbeat and update-card: the body's workspace must be the bearer's.</summary>
    public async Task<ApiError?> CheckAgentAsync(HttpContext context, Guid workspaceId)
    {
        int live;
        try
        {
            live = await tokens.CountLiveAsync(workspaceId, context.RequestAborted);
        }
        catch (NpgsqlException)
        {
            return null; // as the reference: a datastore error does not lock agents out
        }

        return live == 0 ? null : await RequireBearerAsync(context, workspaceId);
    }

    /// <summary>For discovery: as above, and dev mode passes too.</summary>
    public Task<ApiError?> CheckDiscoveryAsync(HttpContext context, Guid workspaceId, PlatformOptions platform) =>
        platform.IsDevMode ? Task.FromResult<ApiError?>(null) : CheckAgentAsync(context, workspaceId);

    private async Task<ApiError?> RequireBearerAsync(HttpContext context, Guid workspaceId)
    {
        var bearer = BearerToken.From(context.Request);
        if (bearer is null)
        {
            return ApiError.Unauthorized("missing workspace auth token");
        }

        return await tokens.ValidateAsync(workspaceId, bearer, context.RequestAborted)
            ? null
            : ApiError.Unauthorized("invalid workspace auth token");
    }
}
