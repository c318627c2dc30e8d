using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Auth.OrgTokens;

/// <summary>DELETE /org/tokens/{id}.</summary>
internal static class RevokeOrgTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/org/tokens/{id}", HandleAsync).WithName("RevokeOrgToken").Produces<RevokedOrgToken>().ProducesProblem(StatusCodes.Status404NotFound).RequireAdminAuth();

    private static async Task<Results<JsonHttpResult<RevokedOrgToken>, ApiError>> HandleAsync(
        string id, OrgTokenStore store, AuthAudit audit, CancellationToken cancellationToken)
    {
        // A malformed id cannot name a live token: same answer as an unknown one, never a 500.
        if (!RouteIds.TryParse(id, out var tokenId) || !await store.RevokeAsync(tokenId, cancellationToken))
        {
            return ApiError.NotFound("token not found or already revoked");
        }

        audit.OrgTokenRevoked(tokenId);
        return TypedResults.Json(new RevokedOrgToken(tokenId), AuthJsonContext.Wire.RevokedOrgToken);
    }
}
