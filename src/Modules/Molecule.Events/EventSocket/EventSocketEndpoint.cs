using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Events.EventSocket;

/// <summary><c>GET /ws</c>: the WebSocket event hub the canvas and agents listen on.</summary>
internal static class EventSocketEndpoint
{
    public const string WorkspaceHeader = "X-Workspace-ID";

    public static void MapEventSocket(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/ws", HandleAsync)
            .WithName("EventSocket")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowOpen("event hub: the browser canvas connects without credentials; agent clients (X-Workspace-ID) are gated in the handler");

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IWorkspaceTokens tokens,
        IWorkspaceHierarchy hierarchy,
        WebSocketOriginPolicy origins,
        EventSocketHub hub,
        IOptions<EventsOptions> options,
        TimeProvider clock,
        ILogger<EventSocketHub> logger)
    {
        IEventAudience audience = EveryEventAudience.Instance;
        var workspaceHeader = context.Request.Headers[WorkspaceHeader].ToString().Trim();
        if (workspaceHeader.Length > 0)
        {
            if (!RouteIds.TryParse(workspaceHeader, out var workspaceId))
            {
                return ApiError.BadRequest("invalid X-Workspace-ID");
            }

            // Checked before the upgrade, so a refused agent gets a plain 401.
            if (await tokens.RequireOwnBearerAsync(context, workspaceId, context.RequestAborted) is { } denied)
            {
                return denied;
            }

            audience = new WorkspaceAudience(workspaceId, hierarchy, clock, options.Value.WebSocketAccessCache);
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiError.BadRequest("websocket upgrade required");
        }

        if (!origins.Allows(context.Request))
        {
            // Logged because the browser only reports a failed handshake, not why.
            EventSocketLog.OriginRefused(logger, context.Request.Headers.Origin.ToString());
            return ApiError.Forbidden("origin not allowed");
        }

        await hub.ServeAsync(context, audience);
        return Results.Empty;
    }
}
