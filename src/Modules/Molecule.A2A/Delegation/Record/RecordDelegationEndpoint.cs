using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.A2A.Activity;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Delegation.Record;

/// <summary>
/// POST /workspaces/{id}/delegations/record: the agent delegated on its own (straight to the peer)
/// and tells the platform, so the delegation shows up like one the platform sent. Answers 202.
/// </summary>
internal static class RecordDelegationEndpoint
{
    public const int MaxDelegationIdLength = 200;

    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(RouteWorkspaceId id, HttpRequest request, DelegationStore store, IEventPublisher events,
        CancellationToken cancellationToken)
    {
        var source = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (body.Value is not { } json
            || !json.TryGetString("target_id", out var target) || target.Length == 0
            || !json.TryGetString("task", out var task) || task.Length == 0
            || !json.TryGetString("delegation_id", out var delegationId) || delegationId.Length == 0
            || delegationId.Length > MaxDelegationIdLength)
        {
            return ApiError.BadRequest("invalid delegation record");
        }

        if (!RouteIds.TryParse(target, out var targetId))
        {
            return ApiError.BadRequest("target_id must be a valid UUID");
        }

        if (await store.LiveWorkspaceNameAsync(source, cancellationToken) is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        var response = TypedResults.Json(new JsonObject { ["status"] = "recorded", ["delegation_id"] = delegationId },
            statusCode: StatusCodes.Status202Accepted);

        // Agents retry; a second record of the same delegation is acknowledged, not duplicated.
        if (await store.ExistsAsync(source, delegationId, cancellationToken))
        {
            return response;
        }

        var targetName = await store.LiveWorkspaceNameAsync(targetId, cancellationToken);
        await store.InsertDelegateAsync(source, targetId, $"Delegating to {targetName ?? targetId.ToString()}",
            new JsonObject { ["delegation_id"] = delegationId, ["target_id"] = targetId.ToString(), ["task"] = task },
            "dispatched", null, cancellationToken);
        await events.RecordAndBroadcastAsync(DelegationEvents.Sent, source, new JsonObject
        {
            ["delegation_id"] = delegationId,
            ["target_id"] = targetId.ToString(),
            ["task_preview"] = Utf8Preview.Truncate(task, DelegationEvents.TaskPreviewBytes),
        }, cancellationToken);
        return response;
    }
}
