using Microsoft.Extensions.Logging;
using Molecule.Kernel.Secrets;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.Storage;

namespace Molecule.Secrets.Reading;

/// <summary>
/// Decrypts every global and workspace secret and merges them, workspace values overriding globals.
/// All or nothing: any value that fails to decrypt fails the whole read, so nobody gets a partial
/// environment.
/// </summary>
internal sealed partial class SecretReader(
    GlobalSecretsTable globals,
    WorkspaceSecretsTable workspaceSecrets,
    SecretEnvelope envelope,
    ILogger<SecretReader> logger) : ISecretReader
{
    /// <summary>Keys in ordinal order, as Go's JSON encoder writes a map.</summary>
    /// <exception cref="SecretDecryptionException">One or more values failed to decrypt.</exception>
    public async Task<IReadOnlyDictionary<string, string>> ReadMergedAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var globalRows = await globals.ReadSealedAsync(cancellationToken);
        var workspaceRows = await workspaceSecrets.ReadSealedAsync(workspaceId, cancellationToken);

        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var failed = new List<string>();
        await OpenIntoAsync(globalRows, SecretScope.Global, merged, failed, cancellationToken);
        await OpenIntoAsync(workspaceRows, key => SecretScope.Workspace(workspaceId, key), merged, failed, cancellationToken);

        if (failed.Count > 0)
        {
            throw new SecretDecryptionException(failed);
        }

        return merged;
    }

    private async Task OpenIntoAsync(
        IReadOnlyList<SealedSecretRow> rows,
        Func<string, SecretScope> scopeOf,
        SortedDictionary<string, string> merged,
        List<string> failed,
        CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var scope = scopeOf(row.Key);
            try
            {
                merged[row.Key] = await envelope.OpenAsync(row.Sealed, scope, cancellationToken);
            }
            catch (SecretCipherException exception)
            {
                LogDecryptFailed(scope.Label, row.EncryptionVersion, exception.Message);
                failed.Add(scope.Label);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "secret {Secret} (encryption_version={Version}) failed to decrypt: {Reason}")]
    private partial void LogDecryptFailed(string secret, int version, string reason);
}
