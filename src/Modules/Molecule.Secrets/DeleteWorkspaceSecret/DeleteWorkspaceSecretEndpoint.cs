using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        routes.MapDelete("/workspaces/{id}/secrets/{key}", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
        string key,
        WorkspaceSecretsTable workspaceSecrets,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseLowercase(id, out var workspaceId))
        {
            return WorkspaceIds.Invalid();
        }

        if (!SecretKeys.IsStorable(key))
        {
            return SecretNotFound();
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        bool deleted;
        try
        {
            deleted = await workspaceSecrets.DeleteAsync(workspaceId, key, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            logger.StoreFailed(exception, "delete workspace secret");
            return ApiError.Internal("failed to delete secret");
        }

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
