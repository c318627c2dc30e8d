using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Http;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.Http;
using Npgsql;

namespace Molecule.Secrets.Storage;

/// <summary>
/// Encrypts and stores one workspace secret, answering each failure as the reference does:
/// 500 <c>failed to encrypt secret</c>, 404 for an unknown workspace, 500 with the route's own
/// save-failure text. Shared by the secret and model routes, which differ only in that text.
/// </summary>
internal sealed class WorkspaceSecretSaver(SecretEnvelope envelope, WorkspaceSecretsTable workspaceSecrets, ILoggerFactory loggers)
{
    /// <summary>Null when the value is stored; otherwise the error to answer with.</summary>
    public async Task<ApiError?> SaveAsync(Guid workspaceId, string key, string value, string saveFailed, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(SecretsLog.Category);
        var scope = SecretScope.Workspace(workspaceId, key);
        try
        {
            var sealedValue = await envelope.SealAsync(value, scope, cancellationToken);
            await workspaceSecrets.UpsertAsync(workspaceId, key, sealedValue, cancellationToken);
            logger.WorkspaceSecretSaved(key, workspaceId, sealedValue.Version);
            return null;
        }
        catch (SecretCipherException exception)
        {
            logger.CipherFailed(scope.Label, exception.Message);
            return ApiError.Internal("failed to encrypt secret");
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return ApiError.NotFound("workspace not found");
        }
        catch (NpgsqlException exception)
        {
            logger.StoreFailed(exception, $"saving workspace secret {key}");
            return ApiError.Internal(saveFailed);
        }
    }
}
