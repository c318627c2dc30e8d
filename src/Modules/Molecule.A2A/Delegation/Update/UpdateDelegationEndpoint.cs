using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.A2A.Activity;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Delegation.Update;

/// <summary>
/// POST /workspaces/{id}/delegations/{delegation_id}/update: the agent reports how a delegation it
/// recorded ended. The events carry no target_id on this path, as in the reference.
/// </summary>
internal static class UpdateDelegationEndpoint
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(RouteWorkspaceId id, string delegationId, HttpRequest request, DelegationStore store,
        DelegationOutcomes outcomes, CancellationToken cancellationToken)
    {
        var source = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (body.Value is not { } json
            || !json.TryGetString("status", out var status) || status.Length == 0
            || !json.TryGetString("error", out var error)
            || !json.TryGetString("response_preview", out var preview))
        {
            return ApiError.BadRequest("invalid request body");
        }

        if (status is not ("completed" or "failed"))
        {
            return ApiError.BadRequest("status must be 'completed' or 'failed'");
        }

        if (!await store.ExistsAsync(source, delegationId, cancellationToken))
        {
            return ApiError.NotFound("delegation not found");
        }

        if (status == "completed")
        {
            await outcomes.CompletedAsync(source, delegationId, null, preview, null, null, cancellationToken);
        }
        else
        {
            await outcomes.FailedAsync(source, delegationId, null, error.Length == 0 ? "delegation failed" : error, null, cancellationToken);
        }

        return TypedResults.Json(new JsonObject { ["status"] = status, ["delegation_id"] = delegationId });
    }
}
