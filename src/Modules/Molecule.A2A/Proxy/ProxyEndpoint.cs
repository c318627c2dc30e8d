using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Molecule.A2A.Queue;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>POST /workspaces/{id}/a2a: forward a JSON-RPC message to the workspace's agent (spec §4.5).</summary>
internal static class ProxyEndpoint
{
    public static async Task<IResult> HandleAsync(
        RouteWorkspaceId id,
        HttpContext context,
        CallerAuthorization callers,
        A2ATargetCache targets,
        TargetUrlPolicy urls,
        AgentForwarder forwarder,
        A2AQueueStore queue,
        ProxyActivityWriter activity,
        IWorkspaceLifecycle lifecycle,
        DeadAgentCheck deadAgents,
        IAgentRuntimeSignals signals,
        IEventStream events,
        IOptions<A2AOptions> options,
        TimeProvider clock,
        IHostApplicationLifetime lifetime)
    {
        var settings = options.Value;
        var explicitTimeout = ParseTimeout(context.Request.Headers["X-Timeout"].ToString());
        using var lookupDeadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (explicitTimeout is { } seconds)
        {
            lookupDeadline.CancelAfter(seconds);
        }

        var bytes = await JsonBodyReader.ReadBytesAsync(context.Request, settings.MaxBodyBytes);
        if (bytes is null)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, $"request body exceeds {settings.MaxBodyBytes} bytes");
        }

        var targetId = id.Value;
        var (caller, denied) = await callers.AuthorizeAsync(context, targetId);
        if (denied is not null)
        {
            return denied;
        }

        A2ATarget? target;
        try
        {
            target = await targets.GetAsync(targetId, lookupDeadline.Token);
        }
        catch (NpgsqlException)
        {
            return ApiError.Internal("lookup failed");
        }

        if (target is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        if (target.OverBudget)
        {
            return ApiError.Of(StatusCodes.Status402PaymentRequired, "workspace budget limit exceeded");
        }

        if (target.Url is null)
        {
            return await NoUrlAsync(context, target, lifecycle);
        }

        if (!await urls.IsSafeAsync(target.Url, lookupDeadline.Token))
        {
            return ApiError.Of(StatusCodes.Status502BadGateway, "workspace URL is not publicly routable");
        }

        var request = JsonRpcRequest.Normalize(bytes);
        if (request is null)
        {
            return ApiError.BadRequest("invalid JSON");
        }

        // Detached from the caller: an agent that has started the work finishes it and it is logged,
        // even when the caller hangs up.
        var idleTimeout = signals.IdleTimeout(targetId) ?? settings.IdleTimeout;
        using var watchdog = new IdleWatchdog(events, targetId, idleTimeout, clock);
        using var dispatch = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token, lifetime.ApplicationStopping);
        if (!caller!.IsCanvas && explicitTimeout is null)
        {
            dispatch.CancelAfter(settings.Ceiling);
        }

        var started = Stopwatch.GetTimestamp();
        var sent = await forwarder.SendAsync(target.Url, request.ToUtf8(), dispatch.Token);
        if (sent.Response is null)
        {
            activity.Enqueue(new ProxyActivity(target.Id, target.Name, caller.WorkspaceId, request.Method, request.Body, null, sent.Error, Elapsed(started)));
            if (sent.Failure == ForwardFailure.Busy)
            {
                return await BusyAsync(target, caller, request, queue, signals);
            }

            return await deadAgents.RestartIfDeadAsync(target.Id, lifetime.ApplicationStopping)
                ? ApiError.Unavailable("workspace agent unreachable — container restart triggered", new JsonObject { ["restarting"] = true })
                : ApiError.Of(StatusCodes.Status502BadGateway, "failed to reach workspace agent");
        }

        using var upstream = sent.Response;
        var relayed = await ResponseRelay.RelayAsync(upstream, context, watchdog, settings.MaxResponseBytes);
        activity.Enqueue(new ProxyActivity(target.Id, target.Name, caller.WorkspaceId, request.Method, request.Body, relayed,
            relayed.Complete ? null : "the agent's answer was cut off", Elapsed(started)));
        return Results.Empty;
    }

    private static async Task<IResult> NoUrlAsync(HttpContext context, A2ATarget target, IWorkspaceLifecycle lifecycle)
    {
        if (target.Status != WorkspaceStatus.Hibernated)
        {
            return ApiError.Unavailable("workspace has no URL", new JsonObject { ["status"] = target.Status.ToWire() });
        }

        await lifecycle.WakeAsync(target.Id, "incoming A2A message", context.RequestAborted);
        context.Response.Headers.RetryAfter = "15";
        return ApiError.Unavailable("workspace is waking from hibernation — retry in ~15 seconds",
            new JsonObject { ["waking"] = true, ["retry_after"] = 15 });
    }

    /// <summary>
    /// The agent took the call but did not finish it in time. An agent that manages its own sessions
    /// is asked to be retried; for any other the message waits in the queue and the caller is told so
    /// with a 202, which clients treat as success.
    /// </summary>
    private static async Task<IResult> BusyAsync(A2ATarget target, A2ACaller caller, JsonRpcRequest request, A2AQueueStore queue, IAgentRuntimeSignals signals)
    {
        var retry = new JsonObject { ["busy"] = true, ["retry_after"] = 30 };
        if (signals.HasCapability(target.Id, IAgentRuntimeSignals.Session))
        {
            retry["native_session"] = true;
            return new RetryLater(ApiError.Unavailable("workspace agent is busy with another session — retry shortly", retry));
        }

        try
        {
            var (queueId, depth) = await queue.EnqueueAsync(target.Id, caller.WorkspaceId, request.Body, request.Method, request.MessageId);
            return Results.Json(new JsonObject
            {
                ["queued"] = true,
                ["queue_id"] = queueId.ToString(),
                ["queue_depth"] = depth,
                ["message"] = "workspace agent is busy; the message is queued and will be delivered when it has capacity",
            }, statusCode: StatusCodes.Status202Accepted);
        }
        catch (NpgsqlException)
        {
            return new RetryLater(ApiError.Unavailable("workspace agent busy — retry after a short backoff", retry));
        }
    }

    private static TimeSpan? ParseTimeout(string header) =>
        int.TryParse(header, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>A 503 that tells the client when to come back.</summary>
    private sealed class RetryLater(ApiError inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "30";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
