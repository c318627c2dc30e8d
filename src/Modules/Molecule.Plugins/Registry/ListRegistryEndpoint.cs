using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Plugins.Http;
using Molecule.Plugins.Manifest;

namespace Molecule.Plugins.Registry;

/// <summary>GET /plugins[?runtime=]: the local registry, open as in the reference (it lists no workspace data).</summary>
internal static class ListRegistryEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins", HandleAsync)
            .WithName("ListPlugins")
            .Produces<IReadOnlyList<PluginInfo>>()
            .AllowOpen("public plugin catalogue, as in the reference");

    private static async Task<JsonHttpResult<IReadOnlyList<PluginInfo>>> HandleAsync(string? runtime, PluginRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Json(await registry.ListAsync(runtime, cancellationToken), PluginsJsonContext.Wire.IReadOnlyListPluginInfo);
}
