using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;

namespace Molecule.Auth.OrgTokens;

/// <summary>GET /org/tokens: live org tokens, newest first, prefixes only.</summary>
internal static class ListOrgTokensEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/org/tokens", HandleAsync).WithName("ListOrgTokens").Produces<OrgTokenList>().RequireAdminAuth();

    private static async Task<JsonHttpResult<OrgTokenList>> HandleAsync(OrgTokenStore store, CancellationToken cancellationToken)
    {
        var tokens = (await store.ListLiveAsync(cancellationToken)).Select(OrgTokenView.From).ToList();
        return TypedResults.Json(new OrgTokenList(tokens, tokens.Count), AuthJsonContext.Wire.OrgTokenList);
    }
}
