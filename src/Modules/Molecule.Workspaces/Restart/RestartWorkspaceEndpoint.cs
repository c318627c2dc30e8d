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

namespace Molecule.Workspaces.Restart;

/// <summary>
/// POST /workspaces/:id/restart: stop and start again, from the existing config or a template.
/// Unlike the reference, a removed workspace is not restarted (it answers 404).
/// </summary>
internal static class RestartWorkspaceEndpoint
{
    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/restart", RestartAsync)
            .WithName("RestartWorkspace")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> RestartAsync(
        RouteWorkspace route,
        HttpRequest request,
        NpgsqlDataSource db,
        RestartTemplateResolver templates,
        WorkspaceRestarter restarter,
        CancellationToken cancellationToken)
    {
        var (workspaceId, workspace) = (route.Id, route.Row);
        if (!StatusMachine.Allows(workspace.Status, WorkspaceTrigger.Restart))
        {
            return ApiError.NotFound(WorkspaceErrors.NotFound);
        }

        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            if (await WorkspaceTree.PausedAncestorAsync(connection, workspaceId, cancellationToken) is { } pausedParent)
            {
                return ApiError.Conflict(WorkspaceErrors.ParentPaused(pausedParent));
            }
        }

        // The body is optional and read leniently: clients send nothing, {} or the options.
        var body = await JsonBodyReader.ReadAsync(request, WorkspacesJsonContext.Default.RestartRequest, MaxBodyBytes);
        var options = body.Ok ? body.Value! : new RestartRequest();
        var reset = request.Query["reset"] == "true" || options.Reset == true;
        var (templatePath, label) = templates.Resolve(workspace, options);

        var restarted = await restarter.RestartAsync(
            workspace, WorkspaceTrigger.Restart, new ProvisionJob(workspaceId, templatePath, reset), cancellationToken);
        if (!restarted)
        {
            return ApiError.NotFound(WorkspaceErrors.NotFound);
        }

        return WorkspacesJson.Ok(new JsonObject
        {
            ["status"] = "provisioning",
            ["config_dir"] = label,
            ["reset_session"] = reset,
        });
    }
}
