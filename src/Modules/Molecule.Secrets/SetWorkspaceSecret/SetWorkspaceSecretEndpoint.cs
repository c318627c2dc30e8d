using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.Http;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.SetWorkspaceSecret;

/// <summary>POST or PUT /workspaces/{id}/secrets <c>{key, value}</c>: encrypt, upsert, restart.</summary>
internal static class SetWorkspaceSecretEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/workspaces/{id}/secrets", [HttpMethods.Post, HttpMethods.Put], HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
        HttpRequest request,
        SecretEnvelope envelope,
        WorkspaceSecretsTable workspaceSecrets,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseLowercase(id, out var workspaceId))
        {
            return WorkspaceIds.Invalid();
        }

        var (body, invalid) = await SecretBodies.ReadSetSecretAsync(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        var key = body!.Key!;
        var scope = SecretScope.Workspace(workspaceId, key);
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

        try
        {
            await workspaceSecrets.UpsertAsync(workspaceId, key, sealedValue, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return ApiError.NotFound("workspace not found");
        }
        catch (NpgsqlException exception)
        {
            logger.StoreFailed(exception, "save workspace secret");
            return ApiError.Internal("failed to save secret");
        }

        logger.WorkspaceSecretSaved(key, workspaceId, sealedValue.Version);
        restarts.RestartWorkspace(workspaceId, $"secret {key} saved");
        return TypedResults.Json(new SecretChanged(key, Scope: null, "saved"), SecretsJsonContext.Wire.SecretChanged);
    }
}
