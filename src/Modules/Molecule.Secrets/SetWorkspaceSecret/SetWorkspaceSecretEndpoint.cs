using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Http;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.Storage;

namespace Molecule.Secrets.SetWorkspaceSecret;

/// <summary>POST or PUT /workspaces/{id}/secrets <c>{key, value}</c>: encrypt, upsert, restart.</summary>
internal static class SetWorkspaceSecretEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/secrets", [HttpMethods.Post, HttpMethods.Put], HandleAsync)
            .WithName("SetWorkspaceSecret")
            .WithWorkspaceErrors(WorkspaceRouteErrors.LowercaseId)
            .Produces<SecretChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<SecretChanged>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        HttpRequest request,
        WorkspaceSecretSaver saver,
        SecretRestarts restarts,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var (body, invalid) = await SecretBodies.ReadSetSecretAsync(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var key = body!.Key!;
        if (await saver.SaveAsync(workspaceId, key, body.Value!, "failed to save secret", cancellationToken) is { } failed)
        {
            return failed;
        }

        restarts.RestartWorkspace(workspaceId, $"secret {key} saved");
        return TypedResults.Json(new SecretChanged(key, Scope: null, "saved"), SecretsJsonContext.Wire.SecretChanged);
    }
}
