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
    private readonly Channel<ProxyActivity> _queue = Channel.CreateBounded<ProxyActivity>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(ProxyActivity activity)
    {
        if (!_queue.Writer.TryWrite(activity))
        {
            LogDropped(activity.TargetId);
        }
    }

    /// <summary>Writes one activity now; the background loop and tests both use it.</summary>
    public async Task WriteAsync(ProxyActivity activity, CancellationToken cancellationToken = default)
    {
        var response = activity.ResponseJson();
        var toolTrace = ProxyActivity.ToolTrace(response);
        var status = activity.Succeeded ? "ok" : "error";
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, source_id, target_id, method, summary,
                                       request_body, response_body, tool_trace, duration_ms, status, error_detail)
            VALUES (@target, 'a2a_receive', @caller, @target, @method, @summary,
                    @request::jsonb, @response::jsonb, @toolTrace::jsonb, @duration, @status, @error)
            """,
            new
            {
                target = activity.TargetId,
                caller = activity.CallerId,
                method = activity.Method.Length == 0 ? null : activity.Method,
                summary = activity.Summary,
                request = activity.Request.ToJsonString(),
                response = activity.Error is null ? response?.ToJsonString() ?? "null" : null,
                toolTrace = toolTrace?.ToJsonString(),
                duration = (int)Math.Min(activity.DurationMs, int.MaxValue),
                status,
                error = activity.Error,
            },
            cancellationToken: cancellationToken));

        await events.BroadcastOnlyAsync(EventTypes.ActivityLogged, activity.TargetId, ActivityLoggedPayload(activity, status, toolTrace), cancellationToken);

        if (!activity.Succeeded)
        {
            return;
        }

        if (activity.CallerId is { } caller)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE workspaces SET last_outbound_at = now() WHERE id = @caller", new { caller }, cancellationToken: cancellationToken));
        }
        else
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
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO workspace_token_usage (workspace_id, period_start, input_tokens, output_tokens, call_count, updated_at)
                VALUES (@target, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', @input, @output, 1, now())
                ON CONFLICT (workspace_id, period_start) DO UPDATE SET
                    input_tokens = workspace_token_usage.input_tokens + EXCLUDED.input_tokens,
                    output_tokens = workspace_token_usage.output_tokens + EXCLUDED.output_tokens,
                    call_count = workspace_token_usage.call_count + 1,
                    updated_at = now()
                """,
                new { target = activity.TargetId, input = usage.Input, output = usage.Output },
                cancellationToken: cancellationToken));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var activity in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await WriteAsync(activity, stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogWriteFailed(exception, activity.TargetId);
            }
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not record a2a activity for {WorkspaceId}")]
    private partial void LogWriteFailed(Exception exception, Guid workspaceId);
}
