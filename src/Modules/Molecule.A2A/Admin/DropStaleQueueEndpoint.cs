using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.A2A.Queue;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Admin;

/// <summary>
/// POST /admin/a2a-queue/drop-stale?max_age_minutes=60&amp;workspace_id=: operators clear queued
/// messages nobody will want any more (spec §2.4 #36).
/// </summary>
internal static class DropStaleQueueEndpoint
{
    public const int DefaultMaxAgeMinutes = 60;

    public static IEndpointRouteBuilder MapA2AAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/a2a-queue/drop-stale", HandleAsync)
            .WithName("DropStaleA2AQueue")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAdminAuth();
        return endpoints;
    }

    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(HttpRequest request, A2AQueueStore queue, CancellationToken cancellationToken)
    {
        var maxAge = DefaultMaxAgeMinutes;
        if (request.Query["max_age_minutes"].ToString() is { Length: > 0 } ageText
            && !(int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out maxAge) && maxAge > 0))
        {
            return ApiError.BadRequest("max_age_minutes must be a positive integer");
        }

        Guid? workspaceId = null;
        if (request.Query["workspace_id"].ToString() is { Length: > 0 } idText)
        {
            if (!RouteIds.TryParse(idText, out var id))
            {
                return ApiError.BadRequest("workspace_id must be a valid UUID");
            }

            workspaceId = id;
        }

        var dropped = await queue.DropStaleAsync(TimeSpan.FromMinutes(maxAge), workspaceId, cancellationToken);
        return TypedResults.Json(new JsonObject { ["dropped"] = dropped });
    }
}
