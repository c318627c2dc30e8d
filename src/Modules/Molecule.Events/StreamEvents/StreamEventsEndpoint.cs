using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Molecule.Events.Bus;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Events.StreamEvents;

/// <summary><c>GET /workspaces/{id}/events/stream</c>: one workspace's events as server-sent events.</summary>
internal static class StreamEventsEndpoint
{
    public static void MapStreamEvents(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/workspaces/{id}/events/stream", HandleAsync)
            .RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
        IWorkspaceDirectory directory,
        IEventBus bus,
        IOptions<EventsOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var workspaceId) || await directory.FindAsync(workspaceId, cancellationToken) is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        return new ServerSentEventsResult(bus, workspaceId, options.Value, clock, lifetime.ApplicationStopping);
    }
}
