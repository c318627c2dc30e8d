using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Events.ListEvents;

/// <summary><c>GET /events</c> and <c>GET /events/{workspaceId}</c>: the newest recorded events.</summary>
internal static class ListEventsEndpoints
{
    public static void MapListEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/events", ListAllAsync)
            .WithName("ListEvents")
            .Produces<JsonArray>()
            .AnswersDatabaseFailure("query failed")
            .RequireAdminAuth();
        endpoints.MapGet("/events/{workspaceId}", ListForWorkspaceAsync)
            .WithName("ListWorkspaceEvents")
            .Produces<JsonArray>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AnswersDatabaseFailure("query failed")
            .RequireAdminAuth();
    }

    private static Task<StructureEventsResult> ListAllAsync(StructureEventLog log, CancellationToken cancellationToken) =>
        ListAsync(log, null, cancellationToken);

    private static async Task<Results<StructureEventsResult, ApiError>> ListForWorkspaceAsync(string workspaceId, StructureEventLog log, CancellationToken cancellationToken)
    {
        // The reference lets a non-UUID reach Postgres and answers 500; a bad id is the caller's error.
        if (!RouteIds.TryParse(workspaceId, out var id))
        {
            return ApiError.BadRequest("invalid workspace ID");
        }

        return await ListAsync(log, id, cancellationToken);
    }

    private static async Task<StructureEventsResult> ListAsync(StructureEventLog log, Guid? workspaceId, CancellationToken cancellationToken) =>
        new StructureEventsResult(await log.NewestAsync(workspaceId, cancellationToken));
}
