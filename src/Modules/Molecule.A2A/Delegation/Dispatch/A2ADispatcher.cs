using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Molecule.A2A.Proxy;
using Molecule.A2A.Queue;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.A2A.Delegation.Dispatch;

/// <summary>
/// Sends an A2A message on behalf of a workspace with the proxy's own rules and parts: the hierarchy
/// rule, budget, URL policy, JSON-RPC normalisation, idle watchdog, the busy queue, and the target's
/// activity log. It answers with an outcome instead of an HTTP response, for callers with no client
/// waiting (delegation).
/// </summary>
internal sealed class A2ADispatcher(
    IWorkspaceHierarchy hierarchy,
    NpgsqlDataSource db,
    TargetUrlPolicy urls,
    AgentForwarder forwarder,
    A2AQueueStore queue,
    ProxyActivityWriter activity,
    IWorkspaceLifecycle lifecycle,
    IAgentRuntimeSignals signals,
    IEventStream events,
    IOptions<A2AOptions> options,
    TimeProvider clock)
{
    public async Task<DispatchOutcome> SendAsync(Guid source, Guid target, JsonObject message, CancellationToken cancellationToken)
    {
        if (!await hierarchy.CanCommunicateAsync(source, target, cancellationToken))
        {
            return DispatchOutcome.Permanent("access denied: workspaces cannot communicate per hierarchy rules");
        }

        A2ATarget? workspace;
        try
        {
            workspace = await A2ATarget.LoadAsync(db, target, cancellationToken);
        }
        catch (NpgsqlException)
        {
            return DispatchOutcome.Retryable("lookup failed");
        }

        if (workspace is null)
        {
            return DispatchOutcome.Permanent("workspace not found");
        }

        if (workspace.OverBudget)
        {
            return DispatchOutcome.Permanent("workspace budget limit exceeded");
        }

        if (workspace.Url is null)
        {
            if (workspace.Status == WorkspaceStatus.Hibernated)
            {
                await lifecycle.WakeAsync(workspace.Id, "delegated task", cancellationToken);
                return DispatchOutcome.Retryable("workspace is waking from hibernation");
            }

            return DispatchOutcome.Retryable("workspace has no URL");
        }

        if (!await urls.IsSafeAsync(workspace.Url, cancellationToken))
        {
            return DispatchOutcome.Permanent("workspace URL is not publicly routable");
        }

        var request = JsonRpcRequest.Normalize(JsonSerializer.SerializeToUtf8Bytes(message, A2AJsonContext.Default.JsonObject))!;
        return await ForwardAsync(source, workspace, request, cancellationToken);
    }

    private async Task<DispatchOutcome> ForwardAsync(Guid source, A2ATarget workspace, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var watchdog = new IdleWatchdog(events, workspace.Id, signals.IdleTimeout(workspace.Id) ?? settings.IdleTimeout, clock);
        using var dispatch = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token, cancellationToken);
        dispatch.CancelAfter(settings.Ceiling);

        var started = Stopwatch.GetTimestamp();
        var sent = await forwarder.SendAsync(workspace.Url!, request.ToUtf8(), dispatch.Token);
        cancellationToken.ThrowIfCancellationRequested();
        if (sent.Response is null)
        {
            activity.Enqueue(new ProxyActivity(workspace.Id, workspace.Name, source, request.Method, request.Body, null, sent.Error, Elapsed(started)));
            return sent.Failure == ForwardFailure.Busy
                ? await BusyAsync(source, workspace, request, cancellationToken)
                : DispatchOutcome.Retryable(sent.Error ?? "failed to reach workspace agent");
        }

        using var response = sent.Response;
        var status = (int)response.StatusCode;
        var (captured, complete) = await ReadAsync(response, watchdog, settings.MaxResponseBytes, dispatch.Token);
        var delivery = new ProxyActivity(
            workspace.Id,
            workspace.Name,
            source,
            request.Method,
            request.Body,
            new RelayedResponse(status, captured, response.Content.Headers.ContentType?.MediaType == "text/event-stream", complete),
            complete ? null : "the agent's answer was cut off",
            Elapsed(started));
        activity.Enqueue(delivery);

        return delivery.Error is { } error ? DispatchOutcome.Retryable(error)
            : status >= 500 ? DispatchOutcome.Retryable(AgentAnswer.From(delivery).Error!)
            : DispatchOutcome.Delivered(delivery);
    }

    /// <summary>The proxy's busy rule: agents with their own sessions are retried, others get the message queued.</summary>
    private async Task<DispatchOutcome> BusyAsync(Guid source, A2ATarget workspace, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        if (signals.HasCapability(workspace.Id, IAgentRuntimeSignals.Session))
        {
            return DispatchOutcome.Retryable("workspace agent is busy with another session");
        }

        try
        {
            await queue.EnqueueAsync(workspace.Id, source, request.Body, request.Method, request.MessageId, cancellationToken);
            return DispatchOutcome.Queued;
        }
        catch (NpgsqlException)
        {
            return DispatchOutcome.Retryable("workspace agent busy — retry after a short backoff");
        }
    }

    /// <summary>Reads the answer (up to the cap), treating every chunk as a sign of life for the watchdog.</summary>
    private static async Task<(byte[] Captured, bool Complete)> ReadAsync(HttpResponseMessage response, IdleWatchdog watchdog, int limit,
        CancellationToken cancellationToken)
    {
        using var capture = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                watchdog.Touch();
                if (capture.Length < limit)
                {
                    capture.Write(buffer, 0, (int)Math.Min(read, limit - capture.Length));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or HttpRequestException)
        {
            return (capture.ToArray(), false);
        }

        return (capture.ToArray(), true);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
