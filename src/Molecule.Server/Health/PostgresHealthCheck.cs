using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Molecule.Server.Health;

/// <summary>Postgres answers a trivial query through the shared data source.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
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
            // The health check service logs the exception; the public answer only says what failed.
            return HealthCheckResult.Unhealthy("unreachable", exception);
        }
    }
}
