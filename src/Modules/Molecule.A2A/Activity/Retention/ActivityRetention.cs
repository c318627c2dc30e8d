using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Molecule.A2A.Activity.Retention;

/// <summary>Deletes activity rows older than the retention period.</summary>
internal sealed class ActivityRetention(NpgsqlDataSource db, IOptions<ActivityRetentionOptions> options, TimeProvider clock)
{
    /// <summary>Rows deleted per statement, so one pass never holds a long lock on a big log.</summary>
    public const int BatchSize = 5000;

    /// <summary>One cleanup pass; returns how many rows were deleted.</summary>
    public async Task<long> PurgeOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        long total = 0;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM activity_logs
                WHERE id IN (SELECT id FROM activity_logs WHERE created_at < @cutoff LIMIT @batch)
                """,
                new { cutoff = cutoff.UtcDateTime, batch = BatchSize },
                cancellationToken: cancellationToken));
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
