using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using System.Text.Json.Nodes;

namespace Molecule.Workspaces.Create;

internal static class CreateWorkspaceEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/workspaces", (CreateWorkspaceHandler handler, HttpRequest request, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .WithName("CreateWorkspace")
            .Produces<JsonObject>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AnswersDatabaseFailure("failed to create workspace")
            .RequireAdminAuth();
}
