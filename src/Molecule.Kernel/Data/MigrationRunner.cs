using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Molecule.Kernel.Data;

/// <summary>
/// Applies migrations at boot: in name order, one transaction per file, each recorded with its
/// checksum. A session-level advisory lock serialises replicas that boot at once; a file whose
/// content changed after it was applied stops the boot instead of drifting silently.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: every replica must contend for the same lock.
    private const long AdvisoryLockKey = 0x6D6F6C6563756C65; // "molecule"

    public async Task ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    filename   TEXT PRIMARY KEY,
                    checksum   TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """);
            var applied = (await connection.QueryAsync<(string Filename, string Checksum)>(
                "SELECT filename, checksum FROM schema_migrations")).ToDictionary(r => r.Filename, r => r.Checksum);

            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Name, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"migration {migration.Name} was changed after it was applied (checksum {checksum} in the database, {migration.Checksum} on disk); add a new migration instead");
                    }

                    continue;
                }

                await ApplyOneAsync(connection, migration, cancellationToken);
                LogApplied(migration.Name);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        const string record = "INSERT INTO schema_migrations (filename, checksum) VALUES (@name, @checksum)";
        if (!migration.RunsInTransaction)
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(record, new { name = migration.Name, checksum = migration.Checksum });
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(record, new { name = migration.Name, checksum = migration.Checksum }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "applied migration {Name}")]
    private partial void LogApplied(string name);
}
