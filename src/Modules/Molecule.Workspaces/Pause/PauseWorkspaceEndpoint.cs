using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Pause;

/// <summary>POST /workspaces/:id/pause: stops the workspace and everything under it, on any backend.</summary>
internal static class PauseWorkspaceEndpoint
{
    public const string NotPausable = "workspace not found or already paused";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/pause", PauseAsync)
            .WithName("PauseWorkspace")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundAs(NotPausable))
            .Produces<JsonObject>()
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> PauseAsync(
        RouteWorkspace route,
        NpgsqlDataSource db,
        ComputeControl compute,
        WorkspaceEvents events,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (workspaceId, target) = (route.Id, route.Row);
        if (!StatusMachine.Allows(target.Status, WorkspaceTrigger.Pause))
        {
            return ApiError.NotFound(NotPausable);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var descendants = await WorkspaceTree.DescendantsAsync(connection, workspaceId, cancellationToken);
        var subtree = descendants.Select(row => row.ToRef())
            .Where(workspace => StatusMachine.Allows(workspace.Status, WorkspaceTrigger.Pause))
            .Prepend(target);

        var paused = 0;
        foreach (var workspace in subtree)
        {
            // As in the reference a failed stop does not keep the workspace running in our books;
            // ComputeControl logs it for the operator.
            await compute.StopAsync(workspace, cancellationToken);
            var row = await StatusWrites.ApplyAsync(
                connection, new StatusChange(WorkspaceTrigger.Pause) { Url = "" }, workspace.Id, clock.GetUtcNow(), cancellationToken);
            if (row is null)
            {
                continue;
            }

            paused++;
            await events.PublishAsync(WorkspaceTrigger.Pause, workspace.Id, WorkspaceEvents.Paused(row.ToRef()), cancellationToken);
        }

        return WorkspacesJson.Ok(new JsonObject { ["status"] = "paused", ["paused_count"] = paused });
    }
}
