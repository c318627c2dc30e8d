using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Auth.WorkspaceTokens;

/// <summary>POST /workspaces/{id}/tokens: mints another token for the workspace, up to 50 live ones.</summary>
internal static class CreateWorkspaceTokenEndpoint
{
    public const int MaxLiveTokens = 50;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/tokens", HandleAsync)
            .WithName("CreateWorkspaceToken")
            .Produces<CreatedWorkspaceToken>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<CreatedWorkspaceToken>, ApiError>> HandleAsync(
        RouteWorkspaceId workspace, string id, NpgsqlDataSource db, TimeProvider clock, AuthAudit audit, CancellationToken cancellationToken)
    {
        var workspaceId = workspace.Value;
        var plaintext = TokenCodec.NewPlaintext();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Serialises concurrent mints for one workspace so the cap cannot be overshot.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('workspace-tokens:' || @workspaceId::text, 0))",
            new { workspaceId },
            transaction,
            cancellationToken: cancellationToken));
        var state = await connection.QuerySingleAsync<(bool Exists, int Live)>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @workspaceId),
                   (SELECT count(*)::int FROM workspace_auth_tokens WHERE workspace_id = @workspaceId AND revoked_at IS NULL)
            """,
            new { workspaceId },
            transaction,
            cancellationToken: cancellationToken));
        if (!state.Exists)
        {
            return ApiError.NotFound("workspace not found");
        }

        if (state.Live >= MaxLiveTokens)
        {
            return ApiError.Of(StatusCodes.Status429TooManyRequests, "maximum 50 active tokens per workspace");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO workspace_auth_tokens (workspace_id, token_hash, prefix, created_at) VALUES (@workspaceId, @hash, @prefix, @now)",
            new { workspaceId, hash = TokenCodec.Hash(plaintext), prefix = TokenCodec.Prefix(plaintext), now = clock.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        audit.WorkspaceTokenIssued(workspaceId, TokenCodec.Prefix(plaintext), "POST /workspaces/{id}/tokens");
        return TypedResults.Json(
            new CreatedWorkspaceToken(plaintext, id, "Save this token now — it cannot be retrieved again."),
            AuthJsonContext.Wire.CreatedWorkspaceToken,
            statusCode: StatusCodes.Status201Created);
    }
}
