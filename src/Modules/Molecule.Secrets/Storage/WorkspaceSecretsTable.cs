using Dapper;
using Molecule.Secrets.Crypto;
using Npgsql;

namespace Molecule.Secrets.Storage;

/// <summary>SQL over <c>workspace_secrets</c>.</summary>
internal sealed class WorkspaceSecretsTable(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>Parameters: workspaceId, key, bytes, version, now.</summary>
    internal const string UpsertSql = """
        INSERT INTO workspace_secrets (workspace_id, key, encrypted_value, encryption_version, created_at, updated_at)
        VALUES (@workspaceId, @key, @bytes, @version, @now, @now)
        ON CONFLICT (workspace_id, key) DO UPDATE
            SET encrypted_value = EXCLUDED.encrypted_value,
                encryption_version = EXCLUDED.encryption_version,
                updated_at = EXCLUDED.updated_at
        """;

    public async Task<IReadOnlyList<SecretListRow>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SecretListRow>(new CommandDefinition(
            "SELECT key, created_at, updated_at FROM workspace_secrets WHERE workspace_id = @workspaceId ORDER BY key",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<SealedSecretRow>> ReadSealedAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SealedSecretRow>(new CommandDefinition(
            $"SELECT {SealedSecretRow.Columns} FROM workspace_secrets WHERE workspace_id = @workspaceId ORDER BY key",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<SealedSecretRow?> ReadSealedAsync(Guid workspaceId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SealedSecretRow>(new CommandDefinition(
            $"SELECT {SealedSecretRow.Columns} FROM workspace_secrets WHERE workspace_id = @workspaceId AND key = @key",
            new { workspaceId, key },
            cancellationToken: cancellationToken));
    }

    /// <summary>Inserts or replaces the value; the version is rewritten with it.</summary>
    /// <exception cref="PostgresException">SqlState 23503 when the workspace does not exist.</exception>
    public async Task UpsertAsync(Guid workspaceId, string key, SealedValue value, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            UpsertSql,
            new { workspaceId, key, bytes = value.Bytes, version = value.Version, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>False when there was no such secret.</summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workspace_secrets WHERE workspace_id = @workspaceId AND key = @key",
            new { workspaceId, key },
            cancellationToken: cancellationToken));
        return deleted > 0;
    }
}
