using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    private static Task<IResult> ListAllAsync(StructureEventLog log, CancellationToken cancellationToken) =>
        ListAsync(log, null, cancellationToken);

    private static Task<IResult> ListForWorkspaceAsync(string workspaceId, StructureEventLog log, CancellationToken cancellationToken)
    {
        // The reference lets a non-UUID reach Postgres and answers 500; a bad id is the caller's error.
        return RouteIds.TryParse(workspaceId, out var id)
            ? ListAsync(log, id, cancellationToken)
            : Task.FromResult<IResult>(ApiError.BadRequest("invalid workspace ID"));
    }

    private static async Task<IResult> ListAsync(StructureEventLog log, Guid? workspaceId, CancellationToken cancellationToken) =>
        new StructureEventsResult(await log.NewestAsync(workspaceId, cancellationToken));
}
