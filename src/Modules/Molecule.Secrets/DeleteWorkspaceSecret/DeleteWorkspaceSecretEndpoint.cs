using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Http;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.DeleteWorkspaceSecret;

/// <summary>DELETE /workspaces/{id}/secrets/{key}: delete, then restart so the variable disappears.</summary>
internal static class DeleteWorkspaceSecretEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/secrets/{key}", HandleAsync)
            .WithName("DeleteWorkspaceSecret")
            .WithWorkspaceErrors(WorkspaceRouteErrors.LowercaseId)
            .Produces<SecretChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AnswersDatabaseFailure("failed to delete secret")
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<SecretChanged>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        string key,
        WorkspaceSecretsTable workspaceSecrets,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        if (!SecretKeys.IsStorable(key))
        {
            return SecretNotFound();
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        var deleted = await workspaceSecrets.DeleteAsync(workspaceId, key, cancellationToken);

        if (!deleted)
        {
            return SecretNotFound();
        }

        logger.WorkspaceSecretDeleted(key, workspaceId);
        restarts.RestartWorkspace(workspaceId, $"secret {key} deleted");
        return TypedResults.Json(new SecretChanged(key, Scope: null, "deleted"), SecretsJsonContext.Wire.SecretChanged);
    }

    private static ApiError SecretNotFound() => ApiError.NotFound("secret not found");
}
