using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Plugins.Http;
using Molecule.Plugins.Naming;

namespace Molecule.Plugins.Allowlist;

/// <summary>PUT /orgs/{id}/plugins/allowlist <c>{plugins, enabled_by}</c>: replaces the org's whole list.</summary>
internal static class PutAllowlistEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/orgs/{id}/plugins/allowlist", HandleAsync)
            .WithName("PutPluginAllowlist")
            .Produces<AllowlistReplaced>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAdminAuth();

    private static async Task<Results<JsonHttpResult<AllowlistReplaced>, ApiError>> HandleAsync(
        string id, HttpRequest request, OrgAllowlistTable table, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, PluginsJsonContext.Wire.AllowlistRequest);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (!body.Ok)
        {
            return PluginErrors.InvalidBody();
        }

        var (plugins, enabledBy) = (body.Value!.Plugins, body.Value.EnabledBy);
        if (string.IsNullOrWhiteSpace(enabledBy))
        {
            return ApiError.BadRequest("enabled_by is required");
        }

        foreach (var plugin in plugins ?? [])
        {
            if (PluginNames.Problem(plugin) is { } problem)
            {
                return ApiError.BadRequest("invalid plugin name", new JsonObject { ["plugin_name"] = plugin, ["detail"] = problem });
            }
        }

        if (!RouteIds.TryParse(id, out var orgId))
        {
            return ApiError.NotFound("org not found");
        }

        if (OrgAccess.Deny(request.HttpContext, orgId) is { } denied)
        {
            return denied;
        }

        if (!await table.OrgExistsAsync(orgId, cancellationToken))
        {
            return ApiError.NotFound("org not found");
        }

        await table.ReplaceAsync(orgId, plugins ?? [], enabledBy, cancellationToken);
        return TypedResults.Json(
            new AllowlistReplaced(plugins is null || plugins.Count == 0, orgId, plugins),
            PluginsJsonContext.Wire.AllowlistReplaced);
    }
}
