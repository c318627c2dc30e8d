using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Workspaces.State;

/// <summary>
/// GET /workspaces/:id/state: what an agent polls to learn it was paused or deleted. Behind the
/// second gate: once the workspace has tokens, only its own bearer may read it.
/// </summary>
internal static class WorkspaceStateEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/state", GetStateAsync)
            .WithName("GetWorkspaceState")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAuth();

    // Parses only: the agent's bearer is checked before anything about the row is said.
    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> GetStateAsync(
        RouteWorkspaceId id, HttpContext context, IWorkspaceTokens tokens, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        if (await tokens.RequireOwnBearerAsync(context, workspaceId, cancellationToken) is { } denied)
        {
            return denied;
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status::text FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return status switch
        {
            null => ApiError.NotFound(WorkspaceErrors.NotFound, new JsonObject { ["workspace_id"] = workspaceId, ["deleted"] = true }),
            "removed" => ApiError.NotFound(WorkspaceErrors.NotFound, new JsonObject
            {
                ["workspace_id"] = workspaceId,
                ["status"] = "removed",
                ["deleted"] = true,
            }),
            _ => WorkspacesJson.Ok(new JsonObject
            {
                ["workspace_id"] = workspaceId,
                ["status"] = status,
                ["paused"] = status == "paused",
                ["deleted"] = false,
            }),
        };
    }
}
