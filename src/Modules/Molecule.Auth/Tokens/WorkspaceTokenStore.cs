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
        // so no timing signal leaks anything useful about the plaintext.
        var tokenId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            """
            SELECT t.id FROM workspace_auth_tokens t
            JOIN workspaces w ON w.id = t.workspace_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL
              AND t.workspace_id = @workspaceId AND w.status <> 'removed'
            """,
            new { hash = TokenCodec.Hash(token), workspaceId },
            cancellationToken: cancellationToken));
        if (tokenId is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workspace_auth_tokens SET last_used_at = @now WHERE id = @tokenId",
            new { tokenId, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return true;
    }

    public async Task<IResult?> RequireOwnBearerAsync(HttpContext context, Guid workspaceId, CancellationToken cancellationToken = default)
    {
        int live;
        try
        {
            live = await CountLiveAsync(workspaceId, cancellationToken);
        }
        catch (NpgsqlException)
        {
            return ApiError.Internal("auth check failed");
        }

        if (live == 0)
        {
            return null;
        }

        var bearer = TokenCodec.Bearer(context.Request.Headers.Authorization);
        if (bearer is null)
        {
            return ApiError.Unauthorized("missing workspace auth token");
        }

        return await ValidateAsync(workspaceId, bearer, cancellationToken)
            ? null
            : ApiError.Unauthorized("invalid workspace auth token");
    }
}
