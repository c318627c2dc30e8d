using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    public static void MapTerminalDiagnose(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(TerminalEndpoint.Pattern + "/diagnose", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id, HttpContext context, TerminalCallerCheck callers, IWorkspaceDirectory directory, IServiceProvider services)
    {
        if (!RouteIds.TryParse(id, out var workspaceId))
        {
            return ApiError.NotFound("workspace not found");
        }

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
        return Results.Json(diagnosis, TerminalJsonContext.Wire.TerminalDiagnosis);
    }
}
