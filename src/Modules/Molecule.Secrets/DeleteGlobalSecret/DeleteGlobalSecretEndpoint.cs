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

namespace Molecule.Secrets.DeleteGlobalSecret;

/// <summary>
/// DELETE /settings/secrets/{key} (and the legacy DELETE /admin/secrets/{key}): delete a global,
/// then restart every workspace that inherited it.
/// </summary>
internal static class DeleteGlobalSecretEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapDelete("/settings/secrets/{key}", HandleAsync).WithName("DeleteGlobalSecret").Produces<SecretChanged>().ProducesProblem(StatusCodes.Status404NotFound).AnswersDatabaseFailure("failed to delete secret").RequireAdminAuth();
        routes.MapDelete("/admin/secrets/{key}", HandleAsync).WithName("DeleteGlobalSecretAdmin").Produces<SecretChanged>().ProducesProblem(StatusCodes.Status404NotFound).AnswersDatabaseFailure("failed to delete secret").RequireAdminAuth();
    }

    private static async Task<Results<JsonHttpResult<SecretChanged>, ApiError>> HandleAsync(
        string key,
        GlobalSecretsTable globals,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!SecretKeys.IsStorable(key))
        {
            return SecretNotFound();
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        var deleted = await globals.DeleteAsync(key, cancellationToken);

        if (!deleted)
        {
            return SecretNotFound();
        }

        logger.GlobalSecretDeleted(key);
        restarts.RestartWorkspacesUsingGlobal(key, $"global secret {key} deleted");
        return TypedResults.Json(new SecretChanged(key, SecretListItem.GlobalScope, "deleted"), SecretsJsonContext.Wire.SecretChanged);
    }

    private static ApiError SecretNotFound() => ApiError.NotFound("secret not found");
}
