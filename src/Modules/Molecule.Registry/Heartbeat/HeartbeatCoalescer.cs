using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Registry.Heartbeat;

/// <summary>What the database held before a heartbeat was applied.</summary>
/// <param name="Found">False for an unknown or removed workspace: nothing was written.</param>
/// <param name="DecidesStatus">
/// Only the last heartbeat of a workspace within one batch applies status rules, so a burst cannot
/// flip the status back and forth.
/// </param>
internal sealed record HeartbeatOutcome(bool Found, WorkspaceStatus PreviousStatus, string PreviousTask, int MaxConcurrentTasks, bool DecidesStatus);

/// <summary>
/// Group commit for heartbeats: while one batched UPDATE is running, arriving heartbeats queue up and
/// go out together in the next one; several heartbeats from one workspace in a batch become one row
/// write. Under no load a heartbeat is written at once; under load the number of statements stays
/// flat while the number of heartbeats grows.
/// </summary>
internal sealed class HeartbeatCoalescer(NpgsqlDataSource db, TimeProvider clock) : BackgroundService
{
    private const int MaxBatch = 2000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public Task<HeartbeatOutcome> SubmitAsync(Guid workspaceId, HeartbeatRequest heartbeat)
    {
        var pending = new Pending(workspaceId, heartbeat, new TaskCompletionSource<HeartbeatOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Completion.SetException(new InvalidOperationException("the heartbeat writer has stopped"));
        }

        return pending.Completion.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await FlushAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Completion.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task FlushAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<Guid, Pending>();
        foreach (var pending in batch)
        {
            latest[pending.WorkspaceId] = pending;
        }

        Dictionary<Guid, PreviousRow> previous;
        try
        {
            previous = await WriteAsync([.. latest.Values], cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }

            return;
        }

        var taskBefore = new Dictionary<Guid, string>();
        foreach (var pending in batch)
        {
            var found = previous.TryGetValue(pending.WorkspaceId, out var row);
            var before = taskBefore.TryGetValue(pending.WorkspaceId, out var inBatch) ? inBatch : row?.CurrentTask ?? "";
            taskBefore[pending.WorkspaceId] = pending.Heartbeat.CurrentTask ?? "";
            pending.Completion.TrySetResult(new HeartbeatOutcome(
                found,
                found && WorkspaceStatuses.TryParse(row!.Status, out var status) ? status : WorkspaceStatus.Provisioning,
                before,
                row?.MaxConcurrentTasks ?? 1,
                DecidesStatus: ReferenceEquals(latest[pending.WorkspaceId], pending)));
        }
    }

    private async Task<Dictionary<Guid, PreviousRow>> WriteAsync(Pending[] writes, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PreviousRow>(new CommandDefinition(
            """
            WITH input AS (
                SELECT * FROM unnest(@ids::uuid[], @errorRates::float8[], @sampleErrors::text[], @activeTasks::int[],
                                     @uptimes::int[], @currentTasks::text[], @spends::bigint[])
                    AS t(id, error_rate, sample_error, active_tasks, uptime_seconds, current_task, monthly_spend)
            ), previous AS (
                SELECT w.id, w.status::text AS status, COALESCE(w.current_task, '') AS current_task
                FROM workspaces w JOIN input i ON i.id = w.id
                WHERE w.status <> 'removed'
                FOR UPDATE OF w
            )
            UPDATE workspaces w SET
                last_heartbeat_at = @now,
                last_error_rate = i.error_rate,
                last_sample_error = i.sample_error,
                active_tasks = i.active_tasks,
                uptime_seconds = i.uptime_seconds,
                current_task = i.current_task,
                monthly_spend = CASE WHEN i.monthly_spend > 0 THEN i.monthly_spend ELSE w.monthly_spend END
            FROM input i JOIN previous p ON p.id = i.id
            WHERE w.id = i.id
            RETURNING w.id, p.status, p.current_task, w.max_concurrent_tasks
            """,
            new
            {
                now = clock.GetUtcNow(),
                ids = writes.Select(w => w.WorkspaceId).ToArray(),
                errorRates = writes.Select(w => w.Heartbeat.ErrorRate).ToArray(),
                sampleErrors = writes.Select(w => w.Heartbeat.SampleError ?? "").ToArray(),
                activeTasks = writes.Select(w => w.Heartbeat.ActiveTasks).ToArray(),
                uptimes = writes.Select(w => w.Heartbeat.UptimeSeconds).ToArray(),
                currentTasks = writes.Select(w => w.Heartbeat.CurrentTask ?? "").ToArray(),
                spends = writes.Select(w => Math.Clamp(w.Heartbeat.MonthlySpend, 0, 1_000_000_000_000)).ToArray(),
            },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id);
    }

    private sealed record Pending(Guid WorkspaceId, HeartbeatRequest Heartbeat, TaskCompletionSource<HeartbeatOutcome> Completion);

    private sealed record PreviousRow(Guid Id, string Status, string CurrentTask, int MaxConcurrentTasks);
}
