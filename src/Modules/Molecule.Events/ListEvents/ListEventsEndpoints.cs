using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Events.ListEvents;

/// <summary><c>GET /events</c> and <c>GET /events/{workspaceId}</c>: the newest recorded events.</summary>
internal static class ListEventsEndpoints
{
    public static void MapListEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/events", ListAllAsync).RequireAdminAuth();
        endpoints.MapGet("/events/{workspaceId}", ListForWorkspaceAsync).RequireAdminAuth();
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

    private static async Task<IResult> ListAsync(StructureEventLog log, Guid? workspaceId, CancellationToken cancellationToken)
    {
        try
        {
            return new StructureEventsResult(await log.NewestAsync(workspaceId, cancellationToken));
        }
        catch (NpgsqlException)
        {
            return ApiError.Internal("query failed");
        }
    }
}
