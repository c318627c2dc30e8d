using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Hibernate;

/// <summary>
/// POST /workspaces/:id/hibernate: stops an idle workspace until a message wakes it. The claim to
/// <c>hibernating</c> is atomic, so hibernation never races a restart; with <c>?force=true</c> a
/// busy workspace is hibernated too (the reference's claim silently refused it).
/// </summary>
internal static class HibernateWorkspaceEndpoint
{
    public const string NotHibernatable = "workspace not found or not in a hibernatable state (must be online or degraded)";
    public const string HasActiveTasks = "workspace has active tasks; use ?force=true to terminate them";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/hibernate", HibernateAsync)
            .WithName("HibernateWorkspace")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundAs(NotHibernatable))
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HibernateAsync(
        RouteWorkspace route,
        HttpRequest request,
        NpgsqlDataSource db,
        ComputeControl compute,
        WorkspaceEvents events,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var workspaceId = route.Id;
        if (!StatusMachine.Allows(route.Row.Status, WorkspaceTrigger.HibernateClaimed))
        {
            return ApiError.NotFound(NotHibernatable);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var force = request.Query["force"] == "true";
        var activeTasks = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(active_tasks, 0) FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
        if (activeTasks > 0 && !force)
        {
            return ApiError.Conflict(HasActiveTasks, new JsonObject { ["active_tasks"] = activeTasks });
        }

        var claimed = await StatusWrites.ApplyAsync(
            connection,
            new StatusChange(WorkspaceTrigger.HibernateClaimed),
            workspaceId,
            clock.GetUtcNow(),
            cancellationToken,
            fixedGuard: force ? "" : "AND COALESCE(active_tasks, 0) = 0");
        if (claimed is null)
        {
            return ApiError.NotFound(NotHibernatable);
        }

        if (await compute.StopAsync(claimed.ToRef(), cancellationToken) is { } stopFailure)
        {
            await StatusWrites.ApplyAsync(
                connection, new StatusChange(WorkspaceTrigger.HibernateAborted), workspaceId, clock.GetUtcNow(), cancellationToken);
            return ApiError.Internal($"hibernate failed: {stopFailure}");
        }

        // Stopping the compute ended whatever it was doing.
        var hibernated = await StatusWrites.ApplyAsync(
            connection,
            new StatusChange(WorkspaceTrigger.Hibernated) { Url = "" },
            workspaceId,
            clock.GetUtcNow(),
            cancellationToken,
            fixedSet: ", active_tasks = 0, current_task = ''");
        if (hibernated is not null)
        {
            await events.PublishAsync(WorkspaceTrigger.Hibernated, workspaceId, WorkspaceEvents.Hibernated(hibernated.ToRef()), cancellationToken);
        }

        return WorkspacesJson.Ok(new JsonObject { ["status"] = "hibernated" });
    }
}
