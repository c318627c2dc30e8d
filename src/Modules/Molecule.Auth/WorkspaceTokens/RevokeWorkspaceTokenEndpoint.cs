using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Auth.WorkspaceTokens;

/// <summary>DELETE /workspaces/{id}/tokens/{tokenId}: revokes one token of that workspace.</summary>
internal static class RevokeWorkspaceTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/tokens/{tokenId}", HandleAsync)
            .WithName("RevokeWorkspaceToken")
            .Produces<RevokedWorkspaceToken>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<RevokedWorkspaceToken>, ApiError>> HandleAsync(
        RouteWorkspaceId id, string tokenId, NpgsqlDataSource db, TimeProvider clock, AuthAudit audit, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        // A malformed token id cannot name a live token: same answer as an unknown one.
        if (!RouteIds.TryParse(tokenId, out var rowId))
        {
            return ApiError.NotFound("token not found or already revoked");
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE workspace_auth_tokens SET revoked_at = @now
            WHERE id = @rowId AND workspace_id = @workspaceId AND revoked_at IS NULL
            """,
            new { rowId, workspaceId, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        if (revoked == 0)
        {
            return ApiError.NotFound("token not found or already revoked");
        }

        audit.WorkspaceTokenRevoked(workspaceId, rowId);
        return TypedResults.Json(new RevokedWorkspaceToken("revoked"), AuthJsonContext.Wire.RevokedWorkspaceToken);
    }
}
