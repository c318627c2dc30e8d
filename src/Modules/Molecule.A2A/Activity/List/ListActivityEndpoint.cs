using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Activity.List;

/// <summary>GET /workspaces/{id}/activity: the workspace's activity log, filtered (spec §4.6, clients §0.7).</summary>
internal static class ListActivityEndpoint
{
    public static async Task<Results<ActivityListResult, ApiError>> HandleAsync(RouteWorkspaceId id, HttpRequest request, ActivityLog log, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var query = ActivityQuery.Parse(request.Query, out var error);
        if (query is null)
        {
            return ApiError.BadRequest(error!);
        }

        var rows = await log.ListAsync(workspaceId, query, cancellationToken);
        if (rows is null)
        {
            // Clients reset their cursor on 410; a 200 here would make them think the server is too old.
            return ApiError.Of(StatusCodes.Status410Gone, "since_id cursor not found: it never existed or was pruned; poll again without since_id");
        }

        return new ActivityListResult(rows);
    }
}
