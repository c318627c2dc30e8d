using Dapper;
using Molecule.Auth.Tokens;
using Npgsql;

namespace Molecule.Auth.OrgTokens;

internal sealed record OrgTokenRow(
    Guid Id, string Prefix, string? Name, Guid? OrgId, string? CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>Org API tokens in <c>org_api_tokens</c>: the workspace-token format, with full admin power.</summary>
internal sealed class OrgTokenStore(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>The list route answers at most this many, newest first.</summary>
    public const int ListLimit = 500;

    /// <summary>Mints a token; returns its row id and the plaintext, which is never stored.</summary>
    public async Task<(Guid Id, string Plaintext)> IssueAsync(
        string? name, string createdBy, Guid? orgId, CancellationToken cancellationToken)
    {
        var plaintext = TokenCodec.NewPlaintext();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO org_api_tokens (token_hash, prefix, name, created_by, org_id, created_at)
            VALUES (@hash, @prefix, @name, @createdBy, @orgId, @now)
            RETURNING id
            """,
            new
            {
                hash = TokenCodec.Hash(plaintext),
                prefix = TokenCodec.Prefix(plaintext),
                name,
                createdBy,
                orgId,
                now = clock.GetUtcNow(),
            },
            cancellationToken: cancellationToken));
        return (id, plaintext);
    }

    public async Task<IReadOnlyList<OrgTokenRow>> ListLiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrgTokenRow>(new CommandDefinition(
            """
            SELECT id, prefix, name, org_id, created_by, created_at, last_used_at
            FROM org_api_tokens WHERE revoked_at IS NULL
            ORDER BY created_at DESC, id LIMIT @limit
            """,
            new { limit = ListLimit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>False when there is no live token with this id.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE org_api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return revoked > 0;
    }
}
