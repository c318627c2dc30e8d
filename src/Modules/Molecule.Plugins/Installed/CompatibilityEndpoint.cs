using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Plugins.Backends;
using Molecule.Plugins.Http;

namespace Molecule.Plugins.Installed;

/// <summary>
/// GET /workspaces/{id}/plugins/compatibility?runtime=: which installed plugins would keep working if
/// the workspace switched to that runtime. Nothing installed (or nothing running) is all compatible.
/// </summary>
internal static class CompatibilityEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins/compatibility", HandleAsync)
            .WithName("CheckPluginCompatibility")
            .Produces<CompatibilityResponse>()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<CompatibilityResponse>, ApiError>> HandleAsync(
        RouteWorkspace route, string? runtime, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runtime))
        {
            return ApiError.BadRequest("runtime query parameter is required");
        }

        var workspace = route.Row;

        var installed = await services.ForWorkspace<IPluginInstaller>(workspace).ListInstalledAsync(workspace, cancellationToken);
        if (installed.Outcome != PluginOperation.Done)
        {
            return ApiError.Internal("failed to list installed plugins");
        }

        var compatible = installed.Plugins.Where(plugin => plugin.Supports(runtime)).ToList();
        var incompatible = installed.Plugins.Where(plugin => !plugin.Supports(runtime)).ToList();
        return TypedResults.Json(
            new CompatibilityResponse(incompatible.Count == 0, compatible, incompatible, runtime),
            PluginsJsonContext.Wire.CompatibilityResponse);
    }
}
