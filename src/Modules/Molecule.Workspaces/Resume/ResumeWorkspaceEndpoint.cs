using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using Molecule.Workspaces.Provisioning;
using Npgsql;

namespace Molecule.Workspaces.Resume;

/// <summary>POST /workspaces/:id/resume: provisions the workspace and its paused descendants again.</summary>
internal static class ResumeWorkspaceEndpoint
{
    public const string NotResumable = "workspace not found or not paused";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/resume", ResumeAsync)
            .WithName("ResumeWorkspace")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundAs(NotResumable))
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> ResumeAsync(
        RouteWorkspace route,
        NpgsqlDataSource db,
        WorkspaceEvents events,
        WorkspaceProvisioner provisioner,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (workspaceId, target) = (route.Id, route.Row);
        if (!StatusMachine.Allows(target.Status, WorkspaceTrigger.Resume))
        {
            return ApiError.NotFound(NotResumable);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (await WorkspaceTree.PausedAncestorAsync(connection, workspaceId, cancellationToken) is { } pausedParent)
        {
            return ApiError.Conflict(WorkspaceErrors.ParentPaused(pausedParent));
        }

        var descendants = await WorkspaceTree.DescendantsAsync(connection, workspaceId, cancellationToken);
        var subtree = descendants.Select(row => row.ToRef())
            .Where(workspace => StatusMachine.Allows(workspace.Status, WorkspaceTrigger.Resume))
            .Prepend(target);

        var resumed = 0;
        foreach (var workspace in subtree)
        {
            var row = await StatusWrites.ApplyAsync(
                connection, new StatusChange(WorkspaceTrigger.Resume), workspace.Id, clock.GetUtcNow(), cancellationToken);
            if (row is null)
            {
                continue;
            }

            resumed++;
            var provisioning = row.ToRef();
            await events.PublishAsync(WorkspaceTrigger.Resume, provisioning.Id, WorkspaceEvents.Provisioning(provisioning), cancellationToken);
            if (!provisioning.IsExternal)
            {
                provisioner.Enqueue(new ProvisionJob(provisioning.Id));
            }
        }

        return WorkspacesJson.Ok(new JsonObject { ["status"] = "provisioning", ["resumed_count"] = resumed });
    }
}
