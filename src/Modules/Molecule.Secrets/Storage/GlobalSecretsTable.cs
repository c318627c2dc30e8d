using Dapper;
using Molecule.Secrets.Crypto;
using Npgsql;

namespace Molecule.Secrets.Storage;

/// <summary>SQL over <c>global_secrets</c>.</summary>
internal sealed class GlobalSecretsTable(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SecretListRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SecretListRow>(new CommandDefinition(
            "SELECT key, created_at, updated_at FROM global_secrets ORDER BY key",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<SealedSecretRow>> ReadSealedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SealedSecretRow>(new CommandDefinition(
            $"SELECT {SealedSecretRow.Columns} FROM global_secrets ORDER BY key",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Inserts or replaces the value; the version is rewritten with it.</summary>
    public async Task UpsertAsync(string key, SealedValue value, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO global_secrets (key, encrypted_value, encryption_version, created_at, updated_at)
            VALUES (@key, @bytes, @version, @now, @now)
            ON CONFLICT (key) DO UPDATE
                SET encrypted_value = EXCLUDED.encrypted_value,
                    encryption_version = EXCLUDED.encryption_version,
                    updated_at = EXCLUDED.updated_at
            """,
            new { key, bytes = value.Bytes, version = value.Version, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>False when there was no such secret.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM global_secrets WHERE key = @key",
            new { key },
            cancellationToken: cancellationToken));
        return deleted > 0;
    }
}
