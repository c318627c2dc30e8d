using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Plugins.Backends;
using Molecule.Plugins.Http;
using Molecule.Plugins.Manifest;

namespace Molecule.Plugins.Installed;

/// <summary>
/// GET /workspaces/{id}/plugins: what is installed in the workspace's compute, each marked with whether
/// it supports the workspace's runtime. A stopped workspace has none.
/// </summary>
internal static class ListInstalledEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins", HandleAsync)
            .WithName("ListInstalledPlugins")
            .Produces<IReadOnlyList<PluginInfo>>()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<IReadOnlyList<PluginInfo>>, ApiError>> HandleAsync(
        RouteWorkspace route, IServiceProvider services, CancellationToken cancellationToken)
    {
        var workspace = route.Row;

        var installed = await services.ForWorkspace<IPluginInstaller>(workspace).ListInstalledAsync(workspace, cancellationToken);
        return installed.Outcome switch
        {
            PluginOperation.Done => TypedResults.Json(
                [.. installed.Plugins.Select(plugin => plugin with { SupportedOnRuntime = plugin.Supports(workspace.Runtime) })],
                PluginsJsonContext.Wire.IReadOnlyListPluginInfo),
            _ => ApiError.Internal("failed to list installed plugins"),
        };
    }
}
