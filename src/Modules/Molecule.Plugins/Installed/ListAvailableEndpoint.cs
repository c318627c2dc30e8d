using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Plugins.Http;
using Molecule.Plugins.Manifest;
using Molecule.Plugins.Registry;

namespace Molecule.Plugins.Installed;

/// <summary>GET /workspaces/{id}/plugins/available: the registry filtered by the workspace's runtime (no compute involved).</summary>
internal static class ListAvailableEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins/available", HandleAsync)
            .WithName("ListAvailablePlugins")
            .Produces<IReadOnlyList<PluginInfo>>()
            .RequireWorkspaceAuth();

    private static async Task<JsonHttpResult<IReadOnlyList<PluginInfo>>> HandleAsync(
        RouteWorkspace route, PluginRegistry registry, CancellationToken cancellationToken)
    {
        var workspace = route.Row;

        return TypedResults.Json(await registry.ListAsync(workspace.Runtime, cancellationToken), PluginsJsonContext.Wire.IReadOnlyListPluginInfo);
    }
}
