using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;

namespace Molecule.Workspaces.Delete;

internal static class DeleteWorkspaceEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/workspaces/{id}", (string id, DeleteWorkspaceHandler handler, HttpRequest request, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, request, cancellationToken))
            .RequireAdminAuth();
}
