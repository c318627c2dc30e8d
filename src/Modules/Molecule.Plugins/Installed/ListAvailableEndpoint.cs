using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Plugins.Http;
using Molecule.Plugins.Registry;

namespace Molecule.Plugins.Installed;

/// <summary>GET /workspaces/{id}/plugins/available: the registry filtered by the workspace's runtime (no compute involved).</summary>
internal static class ListAvailableEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/workspaces/{id}/plugins/available", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id, PluginWorkspaces workspaces, PluginRegistry registry, CancellationToken cancellationToken)
    {
        var (workspace, notFound) = await workspaces.FindAsync(id, cancellationToken);
        if (workspace is null)
        {
            return notFound!;
        }

        return TypedResults.Json(await registry.ListAsync(workspace.Runtime, cancellationToken), PluginsJsonContext.Wire.IReadOnlyListPluginInfo);
    }
}
