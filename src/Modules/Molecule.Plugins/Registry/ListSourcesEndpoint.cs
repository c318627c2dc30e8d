using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Plugins.Http;
using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Registry;

/// <summary>GET /plugins/sources: the source schemes an install accepts.</summary>
internal static class ListSourcesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins/sources", Handle)
            .WithName("ListPluginSources")
            .Produces<SourcesResponse>()
            .AllowOpen("lists the supported source schemes only, as in the reference");

    private static JsonHttpResult<SourcesResponse> Handle(PluginSourceRegistry sources) =>
        TypedResults.Json(new SourcesResponse(sources.Schemes), PluginsJsonContext.Wire.SourcesResponse);
}
