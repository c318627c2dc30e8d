using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Provisioning;

/// <summary>
/// Fails workspaces that have been provisioning for longer than their runtime's timeout, so a
/// start that never reported back does not spin on the canvas forever. Works the same for every
/// backend because it only reads the row.
/// </summary>
internal sealed partial class ProvisionTimeoutSweep(
    NpgsqlDataSource db,
    IProvisioningPolicy policy,
    StatusTransitions transitions,
    TimeProvider clock,
    ILogger<ProvisionTimeoutSweep> logger) : BackgroundService
{
    public const string TimeoutError =
        "provisioning timed out — container started but never called /registry/register. Check container logs and network connectivity to the platform.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(policy.TimeoutSweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
    }

    /// <summary>One pass; returns how many workspaces it failed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IEnumerable<(Guid Id, string? Runtime, DateTime UpdatedAt)> provisioning;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            provisioning = await connection.QueryAsync<(Guid Id, string? Runtime, DateTime UpdatedAt)>(new CommandDefinition(
                "SELECT id, runtime, updated_at FROM workspaces WHERE status = 'provisioning'",
                cancellationToken: cancellationToken));
        }

        var failed = 0;
        foreach (var (id, storedRuntime, updatedAt) in provisioning)
        {
            var runtime = string.IsNullOrEmpty(storedRuntime) ? "langgraph" : storedRuntime;
            var timeout = policy.ProvisionTimeoutFor(runtime);
            var cutoff = now - timeout;
            if (updatedAt > cutoff.UtcDateTime)
            {
                continue;
            }

            // Guarded on the age too: a restart that touched the row since the read wins.
            var row = await transitions.ApplyAsync(
                id,
                new StatusChange(WorkspaceTrigger.ProvisionTimedOut)
                {
                    SampleError = TimeoutError,
                    UnchangedSince = cutoff,
                    Payload = WorkspaceEvents.TimedOut(TimeoutError, timeout, runtime),
                },
                cancellationToken);
            if (row is null)
            {
                continue;
            }

            failed++;
            LogTimedOut(id, runtime, (long)timeout.TotalSeconds);
        }

        return failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "workspace {WorkspaceId} ({Runtime}) was provisioning for more than {TimeoutSeconds} s; marked failed")]
    private partial void LogTimedOut(Guid workspaceId, string runtime, long timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "provision-timeout sweep pass failed")]
    private partial void LogSweepFailed(Exception exception);
}
