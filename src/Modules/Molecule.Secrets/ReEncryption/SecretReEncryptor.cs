using Dapper;
using Microsoft.Extensions.Logging;
using Molecule.Secrets.Crypto;
using Npgsql;

namespace Molecule.Secrets.ReEncryption;

/// <summary>
/// Rewrites stored secrets whose <c>encryption_version</c> is older than the current write mode
/// (v0/v1 → v2 under KMS, v0 → v1 with a static key; never downwards). Work goes in batches, each one
/// transaction over rows taken <c>FOR UPDATE SKIP LOCKED</c> in id order, so: a crash or a KMS
/// outage loses at most the open batch (rolled back, the rows keep their old, readable form);
/// the next run simply finds the rows still old and continues; a second run has nothing to do;
/// two runs at once split the rows instead of fighting. A row that cannot be opened (its key is not
/// configured, or it was tampered with) is left as it is and reported by name.
/// </summary>
internal sealed partial class SecretReEncryptor(NpgsqlDataSource db, SecretEnvelope envelope, ILogger<SecretReEncryptor> logger)
{
    public int CurrentVersion => envelope.WriteVersion;

    /// <exception cref="KeyServiceUnavailableException">KMS failed mid-run; finished batches stay committed.</exception>
    public async Task<ReEncryptionReport> RunAsync(ReEncryptionLimits limits, CancellationToken cancellationToken)
    {
        var reEncrypted = 0;
        var batches = 0;
        var failed = new List<string>();
        foreach (var table in SecretTable.All)
        {
            // The cursor moves past rows that failed to open, so one bad row cannot stall the run.
            Guid? after = null;
            while (limits.MaxBatches is not { } max || batches < max)
            {
                var batch = await RunBatchAsync(table, after, limits.BatchSize, failed, cancellationToken);
                if (batch.Selected == 0)
                {
                    break;
                }

                batches++;
                reEncrypted += batch.ReEncrypted;
                after = batch.LastId;
                LogBatch(table.Name, batch.ReEncrypted, batch.Selected - batch.ReEncrypted, CurrentVersion);
            }
        }

        var remaining = await CountRemainingAsync(cancellationToken);
        LogRun(reEncrypted, failed.Count, remaining, CurrentVersion);
        return new ReEncryptionReport(reEncrypted, failed.Count, failed, remaining, batches, CurrentVersion);
    }

    /// <summary>Rows of any table still stored in a version older than the current one.</summary>
    public async Task<long> CountRemainingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM workspace_secrets WHERE encryption_version < @current)
                 + (SELECT count(*) FROM global_secrets WHERE encryption_version < @current)
            """,
            new { current = CurrentVersion },
            cancellationToken: cancellationToken));
    }

    private async Task<BatchResult> RunBatchAsync(
        SecretTable table, Guid? after, int batchSize, List<string> failed, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SecretRow>(new CommandDefinition(
            $"""
            SELECT id, {table.ScopeColumns}, encrypted_value, encryption_version
            FROM {table.Name}
            WHERE encryption_version < @current {(after is null ? "" : "AND id > @after")}
            ORDER BY id
            LIMIT @batchSize
            FOR UPDATE SKIP LOCKED
            """,
            new { current = CurrentVersion, after, batchSize },
            transaction,
            cancellationToken: cancellationToken))).AsList();

        var reEncrypted = 0;
        foreach (var row in rows)
        {
            var scope = table.ScopeOf(row);
            string value;
            try
            {
                value = await envelope.OpenAsync(row.Sealed, scope, cancellationToken);
            }
            catch (SecretCipherException exception)
            {
                LogUnreadable(table.LabelOf(row), row.EncryptionVersion, exception.Message);
                failed.Add(table.LabelOf(row));
                continue;
            }

            // A KMS outage here throws out of the batch: the transaction rolls back on dispose.
            var resealed = await envelope.SealAsync(value, scope, cancellationToken);

            // updated_at stays: the value did not change, only its at-rest form.
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table.Name} SET encrypted_value = @bytes, encryption_version = @version WHERE id = @id",
                new { bytes = resealed.Bytes, version = resealed.Version, id = row.Id },
                transaction,
                cancellationToken: cancellationToken));
            reEncrypted++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(rows.Count, reEncrypted, rows.Count > 0 ? rows[^1].Id : after);
    }

    private sealed record BatchResult(int Selected, int ReEncrypted, Guid? LastId);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "re-encrypted {Count} row(s) of {Table} to encryption_version={Version} ({Failed} could not be opened)")]
    private partial void LogBatch(string table, int count, int failed, int version);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "secrets re-encryption to encryption_version={Version} done: {Count} re-encrypted, {Failed} unreadable, {Remaining} remaining")]
    private partial void LogRun(int count, int failed, long remaining, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "secret {Secret} (encryption_version={Version}) cannot be opened and is left as it is: {Reason}")]
    private partial void LogUnreadable(string secret, int version, string reason);
}
