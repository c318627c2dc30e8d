using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using System.Text.Json.Nodes;

namespace Molecule.Workspaces.Delete;

internal static class DeleteWorkspaceEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/{id}", (RouteWorkspaceId workspace, DeleteWorkspaceHandler handler, HttpRequest request, CancellationToken cancellationToken) =>
                handler.HandleAsync(workspace.Value, request, cancellationToken))
            .WithName("DeleteWorkspace")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .RequireAdminAuth();
}
