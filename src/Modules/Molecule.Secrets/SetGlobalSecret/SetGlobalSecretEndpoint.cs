using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.Http;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.Storage;

namespace Molecule.Secrets.SetGlobalSecret;

/// <summary>
/// PUT or POST /settings/secrets (and the legacy POST /admin/secrets) <c>{key, value}</c>: upsert a
/// global, then restart every workspace that inherits it.
/// </summary>
internal static class SetGlobalSecretEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/settings/secrets", [HttpMethods.Put, HttpMethods.Post], HandleAsync).WithName("SetGlobalSecret").Produces<SecretChanged>().ProducesProblem(StatusCodes.Status400BadRequest).AnswersDatabaseFailure("failed to save secret").RequireAdminAuth();
        routes.MapPost("/admin/secrets", HandleAsync).WithName("SetGlobalSecretAdmin").Produces<SecretChanged>().ProducesProblem(StatusCodes.Status400BadRequest).AnswersDatabaseFailure("failed to save secret").RequireAdminAuth();
    }

    private static async Task<Results<JsonHttpResult<SecretChanged>, ApiError>> HandleAsync(
        HttpRequest request,
        SecretEnvelope envelope,
        GlobalSecretsTable globals,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await SecretBodies.ReadSetSecretAsync(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        var key = body!.Key!;
        var scope = SecretScope.Global(key);
        SealedValue sealedValue;
        try
        {
            sealedValue = await envelope.SealAsync(body.Value!, scope, cancellationToken);
        }
        catch (SecretCipherException exception)
        {
            logger.CipherFailed(scope.Label, exception.Message);
            return ApiError.Internal("failed to encrypt secret");
        }

        await globals.UpsertAsync(key, sealedValue, cancellationToken);

        logger.GlobalSecretSaved(key, sealedValue.Version);
        restarts.RestartWorkspacesUsingGlobal(key, $"global secret {key} saved");
        return TypedResults.Json(new SecretChanged(key, SecretListItem.GlobalScope, "saved"), SecretsJsonContext.Wire.SecretChanged);
    }
}
