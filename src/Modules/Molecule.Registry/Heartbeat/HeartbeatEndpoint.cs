using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.A2A;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Registry.Gates;
using Npgsql;

namespace Molecule.Registry.Heartbeat;

/// <summary>POST /registry/heartbeat: liveness, load and health from the agent.</summary>
internal static class HeartbeatEndpoint
{
    /// <summary>The heartbeat's own pass cache (HEARTBEAT_AUTH_CACHE_SECONDS).</summary>
    public const string PassCacheKey = "heartbeat";

    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(
        HttpContext context,
        RegistryGate gate,
        [FromKeyedServices(PassCacheKey)] RecentPassCache passes,
        HeartbeatCoalescer coalescer,
        RuntimeOverrides overrides,
        IWorkspaceLifecycle lifecycle,
        IEventPublisher events,
        IA2AQueue queue)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request, RegistryJsonContext.Default.HeartbeatRequest, 64 * 1024);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var heartbeat = body.Value;
        if (!body.Ok || !RouteIds.TryParse(heartbeat!.WorkspaceId, out var id))
        {
            return ApiError.BadRequest("invalid request body");
        }

        var bearer = BearerToken.From(context.Request);
        if (!passes.RecentlyPassed(id, Guid.Empty, bearer))
        {
            if (await gate.CheckAgentAsync(context, id) is { } denied)
            {
                return denied;
            }

            passes.Remember(id, Guid.Empty, bearer);
        }

        HeartbeatOutcome outcome;
        try
        {
            outcome = await coalescer.SubmitAsync(id, heartbeat);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return ApiError.Internal("failed to update");
        }

        // The rare case: the batched write above never touches the status; a change goes through the
        // status machine, guarded there, so two replicas (or a racing sweep) cannot both announce it.
        if (outcome.Found && outcome.DecidesStatus)
        {
            var agentManagesStatus = overrides.HasCapability(id, IAgentRuntimeSignals.StatusManagement);
            foreach (var transition in HeartbeatRules.Decide(outcome.PreviousStatus, heartbeat, agentManagesStatus))
            {
                await lifecycle.TransitionAsync(id, new StatusChange(transition.Trigger) { Payload = transition.Payload });
            }
        }

        var currentTask = heartbeat.CurrentTask ?? "";
        if (currentTask != outcome.PreviousTask)
        {
            await events.BroadcastOnlyAsync(EventTypes.TaskUpdated, id, new JsonObject
            {
                ["current_task"] = currentTask,
                ["active_tasks"] = heartbeat.ActiveTasks,
            });
        }

        await events.BroadcastOnlyAsync(EventTypes.WorkspaceHeartbeat, id, new JsonObject
        {
            ["active_tasks"] = heartbeat.ActiveTasks,
            ["uptime_seconds"] = heartbeat.UptimeSeconds,
        });

        if (outcome.Found)
        {
            overrides.Store(id, heartbeat.RuntimeMetadata);
            if (heartbeat.ActiveTasks < outcome.MaxConcurrentTasks)
            {
                queue.DrainOneInBackground(id);
            }
        }

        return TypedResults.Json(new JsonObject { ["status"] = "ok" });
    }
}
