using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Registry.Discovery;

internal sealed record CheckAccessRequest(
    [property: JsonPropertyName("caller_id")] string? CallerId,
    [property: JsonPropertyName("target_id")] string? TargetId);

/// <summary>POST /registry/check-access: the hierarchy rule as a question anyone may ask.</summary>
internal static class CheckAccessEndpoint
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(HttpContext context, IWorkspaceHierarchy hierarchy)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request, RegistryJsonContext.Default.CheckAccessRequest, 16 * 1024);
        var request = body.Value;
        if (!body.Ok || string.IsNullOrEmpty(request!.CallerId) || string.IsNullOrEmpty(request.TargetId))
        {
            return ApiError.BadRequest("invalid request body");
        }

        // Ids that are not UUIDs cannot name a workspace; only identical strings are "the same workspace".
        var allowed = request.CallerId == request.TargetId ||
                      (RouteIds.TryParse(request.CallerId, out var caller) && RouteIds.TryParse(request.TargetId, out var target) &&
                       await hierarchy.CanCommunicateAsync(caller, target, context.RequestAborted));
        return TypedResults.Json(new JsonObject { ["allowed"] = allowed });
    }
}
