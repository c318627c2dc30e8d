using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
    IWorkspaceLifecycle lifecycle,
    IOptions<RegistryOptions> options,
    TimeProvider clock,
    ILogger<LivenessSweep> logger) : BackgroundService
{
    /// <summary>One pass: returns the workspaces it marked offline.</summary>
    public async Task<IReadOnlyList<Guid>> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow() - options.Value.LivenessTtl;
        var live = lifecycle.AllowedFrom(WorkspaceTrigger.LivenessExpired).Select(status => status.ToWire()).ToArray();
        List<Guid> candidates;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            candidates = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM workspaces WHERE status = ANY(@live::workspace_status[]) AND last_heartbeat_at < @cutoff",
                new { live, cutoff },
                cancellationToken: cancellationToken))).AsList();
        }

        var silent = new List<Guid>();
        foreach (var id in candidates)
        {
            // Still silent at the write: a heartbeat since the read keeps the workspace online.
            var offline = await lifecycle.TransitionAsync(
                id, new StatusChange(WorkspaceTrigger.LivenessExpired) { SilentSince = cutoff }, cancellationToken);
            if (offline is null)
            {
                continue;
            }

            silent.Add(id);
            LogOffline(id);
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
