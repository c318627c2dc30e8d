using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Molecule.A2A.Activity;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Delegation.Delegate;

/// <summary>
/// POST /workspaces/{id}/delegate: hand a task to another workspace and answer 202 at once; the
/// outcome arrives as DELEGATION_* events and in <c>GET /delegations</c> (spec §7).
/// </summary>
internal static partial class DelegateEndpoint
{
    public const string TrackingWarning = "delegation was sent but could not be recorded; its result will not appear in /delegations";

    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        HttpRequest request,
        DelegationStore store,
        DelegationRunner runner,
        IEventPublisher events,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var source = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var asked = DelegateRequest.Parse(body.Value, source, out var error);
        if (asked is null)
        {
            return ApiError.BadRequest(error!);
        }

        if (asked.IdempotencyKey is { } key && await store.FindByIdempotencyKeyAsync(source, key, cancellationToken) is { } previous)
        {
            if (previous.Status != "failed")
            {
                return IdempotentHit(previous, asked);
            }

            await store.DeleteAsync(previous.RowId, cancellationToken); // a failed attempt may be tried again
        }

        if (await store.LiveWorkspaceNameAsync(source, cancellationToken) is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        var delegation = new DelegationTask(Guid.NewGuid(), source, asked.TargetId, asked.Task);
        string? warning = null;
        try
        {
            var targetName = await store.LiveWorkspaceNameAsync(asked.TargetId, cancellationToken);
            await store.InsertDelegateAsync(source, asked.TargetId, $"Delegating to {targetName ?? asked.TargetId.ToString()}",
                RequestBody(delegation, asked.IdempotencyKey), "pending", asked.IdempotencyKey, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && asked.IdempotencyKey is not null)
        {
            // The same key raced in from a concurrent request: that one owns the delegation.
            if (await store.FindByIdempotencyKeyAsync(source, asked.IdempotencyKey, cancellationToken) is { } winner)
            {
                return IdempotentHit(winner, asked);
            }

            warning = TrackingWarning;
        }
        catch (NpgsqlException exception)
        {
            LogNotTracked(loggers.CreateLogger(typeof(DelegateEndpoint).FullName!), exception, delegation.Id);
            warning = TrackingWarning;
        }

        await events.RecordAndBroadcastAsync(DelegationEvents.Sent, source, new JsonObject
        {
            ["delegation_id"] = delegation.Id.ToString(),
            ["target_id"] = delegation.Target.ToString(),
            ["task_preview"] = Utf8Preview.Truncate(delegation.Task, DelegationEvents.TaskPreviewBytes),
        }, cancellationToken);
        runner.Start(delegation);

        var response = new JsonObject
        {
            ["delegation_id"] = delegation.Id.ToString(),
            ["status"] = "delegated",
            ["target_id"] = delegation.Target.ToString(),
        };
        if (warning is not null)
        {
            response["warning"] = warning;
        }

        return TypedResults.Json(response, statusCode: StatusCodes.Status202Accepted);
    }

    private static JsonObject RequestBody(DelegationTask delegation, string? idempotencyKey)
    {
        var body = new JsonObject
        {
            ["delegation_id"] = delegation.Id.ToString(),
            ["target_id"] = delegation.Target.ToString(),
            ["task"] = delegation.Task,
        };
        if (idempotencyKey is not null)
        {
            body["idempotency_key"] = idempotencyKey;
        }

        return body;
    }

    private static JsonHttpResult<JsonObject> IdempotentHit(DelegationRecord previous, DelegateRequest asked) => TypedResults.Json(new JsonObject
    {
        ["delegation_id"] = previous.DelegationId,
        ["status"] = previous.Status,
        ["target_id"] = (previous.TargetId ?? asked.TargetId).ToString(),
        ["idempotent_hit"] = true,
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "delegation {DelegationId} is being sent without a tracking row")]
    private static partial void LogNotTracked(ILogger logger, Exception exception, Guid delegationId);
}
