using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Workspaces.Templates;
using Npgsql;

namespace Molecule.Workspaces.List;

/// <summary>GET /workspaces: every workspace that is not removed, oldest first.</summary>
internal static class ListWorkspacesEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/workspaces", ListAsync)
            .WithName("ListWorkspaces")
            .Produces<List<WorkspaceListItem>>()
            .RequireAdminAuth();

    private static async Task<JsonHttpResult<List<WorkspaceListItem>>> ListAsync(NpgsqlDataSource db, ProvisionTimeoutHints hints, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkspaceViewRow>(new CommandDefinition(
            WorkspaceViewRow.Select + " WHERE w.status <> 'removed' ORDER BY w.created_at, w.id",
            cancellationToken: cancellationToken));
        return WorkspacesJson.Ok(rows.Select(row => row.ToListItem(hints)).ToList());
    }
}
