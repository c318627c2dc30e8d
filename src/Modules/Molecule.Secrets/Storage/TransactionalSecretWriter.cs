using System.Text;
using Dapper;
using Molecule.Kernel.Secrets;
using Molecule.Secrets.Crypto;
using Npgsql;

namespace Molecule.Secrets.Storage;

/// <summary>
/// Stores a new workspace's secrets inside the caller's create transaction, so the workspace and its
/// secrets are committed together or not at all.
/// </summary>
internal sealed class TransactionalSecretWriter(SecretEnvelope envelope, TimeProvider clock) : IWorkspaceSecretWriter
{
    public async Task<SecretWriteFailure?> UpsertAsync(
        NpgsqlTransaction transaction,
        Guid workspaceId,
        IReadOnlyDictionary<string, string> secrets,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, value) in secrets.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            SealedValue sealedValue;
            try
            {
                sealedValue = await envelope.SealAsync(value, SecretScope.Workspace(workspaceId, key), cancellationToken);
            }
            catch (Exception exception) when (exception is SecretCipherException or EncoderFallbackException)
            {
                return new SecretWriteFailure(key, SecretWriteStage.Encrypt);
            }

            try
            {
                await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                    WorkspaceSecretsTable.UpsertSql,
                    new { workspaceId, key, bytes = sealedValue.Bytes, version = sealedValue.Version, now },
                    transaction,
                    cancellationToken: cancellationToken));
            }
            catch (PostgresException)
            {
                return new SecretWriteFailure(key, SecretWriteStage.Save);
            }
        }

        return null;
    }
}
