using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Backends;

namespace Molecule.Terminal.Connect;

/// <summary>
/// <c>GET /workspaces/{id}/terminal</c>: a WebSocket onto an interactive shell in the workspace.
/// Everything that can be refused is refused as plain HTTP before the upgrade: the caller rule
/// (401/403), the origin (403), the workspace (404), the backend's own checks (503 engine, 404
/// container, 501 EC2), and a request that is not a WebSocket upgrade (400).
/// </summary>
internal static partial class TerminalEndpoint
{
    /// <summary>Relative to the workspace group (<c>/workspaces/{id}</c>).</summary>
    public const string Pattern = "/terminal";

    // Parses only: the caller rule answers before anything about the workspace is said.
    public static void MapTerminalSocket(this IEndpointRouteBuilder workspace) =>
        workspace.MapGet(Pattern, HandleAsync)
            .WithName("OpenTerminal")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        RouteWorkspaceId id,
        HttpContext context,
        TerminalCallerCheck callers,
        TerminalOriginPolicy origins,
        IWorkspaceDirectory directory,
        IServiceProvider services,
        TerminalSessionRunner runner,
        ILogger<TerminalSessionRunner> logger)
    {
        var cancellationToken = context.RequestAborted;
        var workspaceId = id.Value;
        if (await callers.CheckAsync(context, workspaceId) is { } denied)
        {
            return denied;
        }

        if (!origins.Allows(context.Request))
        {
            // Logged because a browser reports only a failed handshake, not why.
            LogOriginRefused(logger, context.Request.Headers.Origin.ToString());
            return ApiError.Forbidden("origin not allowed");
        }

        var workspace = await directory.FindAsync(workspaceId, cancellationToken);
        if (workspace is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        var target = await services.ForWorkspace<ITerminalBackend>(workspace).LocateAsync(workspace, cancellationToken);
        if (target.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiError.BadRequest("websocket upgrade required");
        }

        await runner.RunAsync(context, workspace, target.Shell!, InitialSize(context.Request));
        return Results.Empty;
    }

    /// <summary>Optional <c>?cols=&amp;rows=</c> so the first prompt already fits; resize messages change it later.</summary>
    private static TerminalSize InitialSize(HttpRequest request) =>
        long.TryParse(request.Query["cols"], out var columns) &&
        long.TryParse(request.Query["rows"], out var rows) &&
        TerminalSize.From(columns, rows) is { } size
            ? size
            : TerminalSize.Default;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal upgrade refused for origin {Origin}")]
    private static partial void LogOriginRefused(ILogger logger, string origin);
}
