using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;

namespace Molecule.Workspaces.Create;

internal static class CreateWorkspaceEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/workspaces", (CreateWorkspaceHandler handler, HttpRequest request, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .RequireAdminAuth();
}
