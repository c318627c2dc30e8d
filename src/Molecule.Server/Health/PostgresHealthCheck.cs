using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Molecule.Server.Health;

/// <summary>Postgres answers a trivial query through the shared data source.</summary>
internal sealed partial class PostgresHealthCheck(NpgsqlDataSource dataSource, ILogger<PostgresHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Logged here, not attached to the result: /health is public and shows only the short reason.
            LogUnreachable(exception);
            return HealthCheckResult.Unhealthy("unreachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "health check: Postgres is unreachable")]
    private partial void LogUnreachable(Exception exception);
}
