using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Plugins.Http;

namespace Molecule.Plugins.Allowlist;

/// <summary>GET /orgs/{id}/plugins/allowlist: the org's allowed plugins by name; an empty list allows all.</summary>
internal static class GetAllowlistEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/orgs/{id}/plugins/allowlist", HandleAsync)
            .WithName("GetPluginAllowlist")
            .Produces<AllowlistResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAdminAuth();

    private static async Task<Results<JsonHttpResult<AllowlistResponse>, ApiError>> HandleAsync(string id, HttpContext context, OrgAllowlistTable table, CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var orgId))
        {
            return ApiError.NotFound("org not found");
        }

        if (OrgAccess.Deny(context, orgId) is { } denied)
        {
            return denied;
        }

        if (!await table.OrgExistsAsync(orgId, cancellationToken))
        {
            return ApiError.NotFound("org not found");
        }

        var rows = await table.ListAsync(orgId, cancellationToken);
        return TypedResults.Json(
            new AllowlistResponse(rows.Count == 0, orgId, [.. rows.Select(AllowlistEntry.From)]),
            PluginsJsonContext.Wire.AllowlistResponse);
    }
}
