using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Events;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>
/// Records forwarded calls after the caller has its answer, off the request path: the activity row,
/// ACTIVITY_LOGGED, A2A_RESPONSE for the canvas, the caller's last_outbound_at and token usage.
/// A bounded queue keeps a flood of calls from turning into unbounded memory; what does not fit is
/// logged as dropped rather than slowing the proxy down.
/// </summary>
internal sealed partial class ProxyActivityWriter(NpgsqlDataSource db, IEventPublisher events, ILogger<ProxyActivityWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<ProxyActivity> _queue = Channel.CreateBounded<ProxyActivity>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(ProxyActivity activity)
    {
        if (!_queue.Writer.TryWrite(activity))
        {
            LogDropped(activity.TargetId);
        }
    }

    /// <summary>
    /// Writes a batch: one multi-row insert for the activity rows, one update for the callers'
    /// last_outbound_at, then the events. Under load the loop hands over everything queued since the
    /// previous batch, so rows per statement grow with the load instead of statements per second.
    /// </summary>
    public async Task WriteBatchAsync(IReadOnlyList<ProxyActivity> batch, CancellationToken cancellationToken = default)
    {
        var rows = batch.Select(activity =>
        {
            var response = activity.ResponseJson();
            return (Activity: activity, Response: response, ToolTrace: ProxyActivity.ToolTrace(response), Status: activity.Succeeded ? "ok" : "error");
        }).ToList();

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, source_id, target_id, method, summary,
                                       request_body, response_body, tool_trace, duration_ms, status, error_detail)
            SELECT target, 'a2a_receive', caller, target, method, summary,
                   request::jsonb, response::jsonb, tool_trace::jsonb, duration, status, error
            FROM unnest(@targets::uuid[], @callers::uuid[], @methods::text[], @summaries::text[], @requests::text[],
                        @responses::text[], @toolTraces::text[], @durations::int[], @statuses::text[], @errors::text[])
                AS t(target, caller, method, summary, request, response, tool_trace, duration, status, error)
            """,
            new
            {
                targets = rows.Select(r => r.Activity.TargetId).ToArray(),
                callers = rows.Select(r => r.Activity.CallerId).ToArray(),
                methods = rows.Select(r => r.Activity.Method.Length == 0 ? null : r.Activity.Method).ToArray(),
                summaries = rows.Select(r => r.Activity.Summary).ToArray(),
                requests = rows.Select(r => r.Activity.Request.ToJsonString()).ToArray(),
                responses = rows.Select(r => r.Activity.Error is null ? r.Response?.ToJsonString() ?? "null" : null).ToArray(),
                toolTraces = rows.Select(r => r.ToolTrace?.ToJsonString()).ToArray(),
                durations = rows.Select(r => (int)Math.Min(r.Activity.DurationMs, int.MaxValue)).ToArray(),
                statuses = rows.Select(r => r.Status).ToArray(),
                errors = rows.Select(r => r.Activity.Error).ToArray(),
            },
            cancellationToken: cancellationToken));

        var callers = rows.Where(r => r.Activity.Succeeded && r.Activity.CallerId is not null)
            .Select(r => r.Activity.CallerId!.Value).Distinct().ToArray();
        if (callers.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE workspaces SET last_outbound_at = now() WHERE id = ANY(@callers)", new { callers }, cancellationToken: cancellationToken));
        }

        foreach (var (activity, response, toolTrace, status) in rows)
        {
            await events.BroadcastOnlyAsync(EventTypes.ActivityLogged, activity.TargetId, ActivityLoggedPayload(activity, status, toolTrace), cancellationToken);
            if (!activity.Succeeded)
            {
                continue;
            }

            if (activity.CallerId is null)
            {
                await events.BroadcastOnlyAsync(EventTypes.A2AResponse, activity.TargetId, new JsonObject
                {
                    ["response_body"] = response?.DeepClone(),
                    ["method"] = activity.Method,
                    ["duration_ms"] = activity.DurationMs,
                }, cancellationToken);
            }

            if (ProxyActivity.Usage(response) is { } usage)
            {
                await RecordUsageAsync(connection, activity.TargetId, usage, cancellationToken);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ProxyActivity>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var activity))
            {
                batch.Add(activity);
            }

            try
            {
                await WriteBatchAsync(batch, stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogWriteFailed(exception, batch.Count);
            }

            batch.Clear();
        }
    }

    private static Task RecordUsageAsync(NpgsqlConnection connection, Guid target, (long Input, long Output) usage, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workspace_token_usage (workspace_id, period_start, input_tokens, output_tokens, call_count, updated_at)
            VALUES (@target, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', @input, @output, 1, now())
            ON CONFLICT (workspace_id, period_start) DO UPDATE SET
                input_tokens = workspace_token_usage.input_tokens + EXCLUDED.input_tokens,
                output_tokens = workspace_token_usage.output_tokens + EXCLUDED.output_tokens,
                call_count = workspace_token_usage.call_count + 1,
                updated_at = now()
            """,
            new { target, input = usage.Input, output = usage.Output },
            cancellationToken: cancellationToken));

    private static JsonObject ActivityLoggedPayload(ProxyActivity activity, string status, JsonNode? toolTrace)
    {
        var payload = new JsonObject
        {
            ["activity_type"] = "a2a_receive",
            ["method"] = activity.Method.Length == 0 ? null : activity.Method,
            ["summary"] = activity.Summary,
            ["status"] = status,
            ["source_id"] = activity.CallerId?.ToString(),
            ["target_id"] = activity.TargetId.ToString(),
            ["duration_ms"] = activity.DurationMs,
        };
        if (toolTrace is not null)
        {
            payload["tool_trace"] = toolTrace.DeepClone();
        }

        return payload;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "activity queue full; a2a activity for {WorkspaceId} not recorded")]
    private partial void LogDropped(Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record {Count} a2a activities")]
    private partial void LogWriteFailed(Exception exception, int count);
}
