using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Workspaces.List;
using Molecule.Workspaces.Templates;
using Npgsql;

namespace Molecule.Workspaces.Get;

/// <summary>GET /workspaces/:id: one workspace, removed ones included (the canvas shows tombstones).</summary>
internal static class GetWorkspaceEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/{id}", GetAsync)
            .WithName("GetWorkspace")
            .Produces<WorkspaceDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowOpen("the reference serves a workspace's public card view without auth");

    // Parses only: the card view reads its own joined row, so loading the reference row too would be a second query.
    private static async Task<Results<JsonHttpResult<WorkspaceDetail>, ApiError>> GetAsync(
        RouteWorkspaceId workspace, NpgsqlDataSource db, ProvisionTimeoutHints hints, CancellationToken cancellationToken)
    {
        var workspaceId = workspace.Value;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WorkspaceViewRow>(new CommandDefinition(
            WorkspaceViewRow.Select + " WHERE w.id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return row is null
            ? ApiError.NotFound(WorkspaceErrors.NotFound)
            : WorkspacesJson.Ok(row.ToDetail(hints));
    }
}
