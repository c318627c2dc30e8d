using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Registry.Liveness;

/// <summary>
/// Marks workspaces offline when their agent has been silent longer than the TTL. It reads
/// <c>last_heartbeat_at</c> in Postgres, so it needs no Redis keyspace notifications and works the
/// same for Docker, EC2 and external workspaces; the next register or heartbeat brings them back.
/// </summary>
internal sealed partial class LivenessSweep(
    NpgsqlDataSource db,
    IEventPublisher events,
    IWorkspaceLifecycle lifecycle,
    IOptions<RegistryOptions> options,
    TimeProvider clock,
    ILogger<LivenessSweep> logger) : BackgroundService
{
    /// <summary>One pass: returns the workspaces it marked offline.</summary>
    public async Task<IReadOnlyList<Guid>> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.LivenessTtl;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var silent = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            UPDATE workspaces SET status = 'offline', updated_at = now()
            WHERE status IN ('online', 'degraded') AND last_heartbeat_at < @cutoff
            RETURNING id
            """,
            new { cutoff },
            cancellationToken: cancellationToken))).ToList();

        foreach (var id in silent)
        {
            LogOffline(id);
            await events.RecordAndBroadcastAsync(EventTypes.WorkspaceOffline, id, [], cancellationToken);
            await lifecycle.RestartAsync(id, "liveness expired", cancellationToken);
        }

        return silent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LivenessSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId} is silent past the liveness TTL; marked offline")]
    private partial void LogOffline(Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "liveness sweep failed")]
    private partial void LogSweepFailed(Exception exception);
}
