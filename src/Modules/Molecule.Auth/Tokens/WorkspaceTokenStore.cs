using Dapper;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Auth.Tokens;

/// <summary>Workspace bearer tokens in <c>workspace_auth_tokens</c>.</summary>
internal sealed class WorkspaceTokenStore(NpgsqlDataSource db, TimeProvider clock) : IWorkspaceTokens
{
    public async Task<string> IssueAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var plaintext = TokenCodec.NewPlaintext();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO workspace_auth_tokens (workspace_id, token_hash, prefix, created_at) VALUES (@workspaceId, @hash, @prefix, @now)",
            new { workspaceId, hash = TokenCodec.Hash(plaintext), prefix = TokenCodec.Prefix(plaintext), now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return plaintext;
    }

    public async Task RevokeAllAsync(IReadOnlyCollection<Guid> workspaceIds, CancellationToken cancellationToken = default)
    {
        if (workspaceIds.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workspace_auth_tokens SET revoked_at = @now WHERE workspace_id = ANY(@ids) AND revoked_at IS NULL",
            new { ids = workspaceIds.ToArray(), now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task<int> CountLiveAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM workspace_auth_tokens WHERE workspace_id = @workspaceId AND revoked_at IS NULL",
            new { workspaceId },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> ValidateAsync(Guid workspaceId, string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);

        // The hash lookup is the comparison: equal hashes of 32 random bytes cannot be guessed,
        // so no timing signal leaks anything useful about the plaintext. Match and usage stamp
        // are one statement, so a hit costs one round trip.
        var matched = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE workspace_auth_tokens t SET last_used_at = @now
            FROM workspaces w
            WHERE w.id = t.workspace_id AND t.token_hash = @hash AND t.revoked_at IS NULL
              AND t.workspace_id = @workspaceId AND w.status <> 'removed'
            """,
            new { hash = TokenCodec.Hash(token), workspaceId, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return matched > 0;
    }

    public async Task<ApiError?> RequireOwnBearerAsync(HttpContext context, Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var bearer = TokenCodec.Bearer(context.Request.Headers.Authorization);
        try
        {
            if (await CountLiveAsync(workspaceId, cancellationToken) == 0)
            {
                return null;
            }

            if (bearer is null)
            {
                return ApiError.Unauthorized("missing workspace auth token");
            }

            return await ValidateAsync(workspaceId, bearer, cancellationToken)
                ? null
                : ApiError.Unauthorized("invalid workspace auth token");
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception))
        {
            return ApiError.Internal("auth check failed");
        }
    }
}
