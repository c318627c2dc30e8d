using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Molecule.A2A.Activity.Retention;

/// <summary>Runs <see cref="ActivityRetention"/> every cleanup interval; as in the reference, the first pass comes after one interval.</summary>
internal sealed partial class ActivityRetentionService(
    ActivityRetention retention,
    IOptions<ActivityRetentionOptions> options,
    TimeProvider clock,
    ILogger<ActivityRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await retention.PurgeOnceAsync(stoppingToken);
                    LogPurged(deleted, options.Value.RetentionDays);
                }
                catch (NpgsqlException exception)
                {
                    LogPurgeFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "activity retention deleted {Deleted} rows older than {Days} days")]
    private partial void LogPurged(long deleted, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "activity retention pass failed; retrying next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
