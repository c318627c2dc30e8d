using Dapper;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Server.Metrics;

/// <summary>Workspaces per status, counted at scrape time; every status is written, zero included.</summary>
internal sealed partial class WorkspaceStatusGauge(NpgsqlDataSource dataSource, ILogger<WorkspaceStatusGauge> logger)
{
    public const string Name = "molecule_workspaces";

    public async Task WriteToAsync(PrometheusTextWriter writer, CancellationToken cancellationToken)
    {
        Dictionary<string, long> counts;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
                "SELECT status::text, count(*) FROM workspaces GROUP BY status",
                cancellationToken: cancellationToken));
            counts = rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
        }
        catch (NpgsqlException exception)
        {
            // The rest of the scrape is still worth answering; the gauge is left out rather than zeroed.
            LogQueryFailed(exception);
            return;
        }

        writer.Family(Name, "gauge", "Workspaces by status");
        foreach (var status in Enum.GetValues<WorkspaceStatus>())
        {
            var wire = status.ToWire();
            writer.Sample(Name, [new MetricLabel("status", wire)], counts.GetValueOrDefault(wire));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace status gauge skipped: the database query failed")]
    private partial void LogQueryFailed(Exception exception);
}
