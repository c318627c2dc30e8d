using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        routes.MapGet("/workspaces/{id}/plugins/compatibility", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id, string? runtime, PluginWorkspaces workspaces, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runtime))
        {
            return ApiError.BadRequest("runtime query parameter is required");
        }

        var (workspace, notFound) = await workspaces.FindAsync(id, cancellationToken);
        if (workspace is null)
        {
            return notFound!;
        }

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
