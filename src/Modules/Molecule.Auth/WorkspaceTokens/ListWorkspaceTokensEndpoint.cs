using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Auth.WorkspaceTokens;

/// <summary>GET /workspaces/{id}/tokens?limit=&amp;offset=: the workspace's live tokens, prefixes only.</summary>
internal static class ListWorkspaceTokensEndpoint
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/tokens", HandleAsync)
            .WithName("ListWorkspaceTokens")
            .Produces<WorkspaceTokenList>()
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<WorkspaceTokenList>, ApiError>> HandleAsync(
        RouteWorkspaceId id, string? limit, string? offset, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var tokens = (await connection.QueryAsync<WorkspaceTokenView>(new CommandDefinition(
            """
            SELECT id, prefix, created_at, last_used_at FROM workspace_auth_tokens
            WHERE workspace_id = @workspaceId AND revoked_at IS NULL
            ORDER BY created_at DESC, id
            LIMIT @limit OFFSET @offset
            """,
            new { workspaceId, limit = Limit(limit), offset = Offset(offset) },
            cancellationToken: cancellationToken))).AsList();
        return TypedResults.Json(new WorkspaceTokenList(tokens, tokens.Count), AuthJsonContext.Wire.WorkspaceTokenList);
    }

    /// <summary>1–200; anything else (absent, not a number, out of range) means the default.</summary>
    internal static int Limit(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : DefaultLimit;

    /// <summary>A non-negative integer, else 0.</summary>
    internal static int Offset(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
}
