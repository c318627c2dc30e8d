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
        endpoints.MapWorkspaceGroup().MapGet("/events/stream", HandleAsync)
            .WithName("StreamWorkspaceEvents")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireWorkspaceAuth();

    private static ServerSentEventsResult HandleAsync(
        RouteWorkspace workspace,
        IEventBus bus,
        IOptions<EventsOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider clock,
        CancellationToken cancellationToken) =>
        new(bus, workspace.Id, options.Value, clock, lifetime.ApplicationStopping);
}
