using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Backends;
using Molecule.Terminal.Connect;

namespace Molecule.Terminal.Diagnose;

/// <summary>
/// <c>GET /workspaces/{id}/terminal/diagnose</c> (ours; ARCHITECTURE.md §9.6): runs the terminal's
/// stages without a user and answers 200 whatever broke, naming the first failing stage. The
/// one other answer is 404 for a workspace that does not exist (no backend can be chosen for it),
/// besides the auth refusals the terminal itself gives.
/// </summary>
internal static class DiagnoseEndpoint
{
    // Parses only: the caller rule answers before anything about the workspace is said.
    public static void MapTerminalDiagnose(this IEndpointRouteBuilder workspace) =>
        workspace.MapGet(TerminalEndpoint.Pattern + "/diagnose", HandleAsync)
            .WithName("DiagnoseTerminal")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId)
            .Produces<TerminalDiagnosis>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<TerminalDiagnosis>, ApiError>> HandleAsync(
        RouteWorkspaceId id, HttpContext context, TerminalCallerCheck callers, IWorkspaceDirectory directory, IServiceProvider services)
    {
        var workspaceId = id.Value;
        if (await callers.CheckAsync(context, workspaceId) is { } denied)
        {
            return denied;
        }

        var workspace = await directory.FindAsync(workspaceId, context.RequestAborted);
        if (workspace is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        var diagnosis = await services.ForWorkspace<ITerminalBackend>(workspace).DiagnoseAsync(workspace, context.RequestAborted);
        return TypedResults.Json(diagnosis, TerminalJsonContext.Wire.TerminalDiagnosis);
    }
}
