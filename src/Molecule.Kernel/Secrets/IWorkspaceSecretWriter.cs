using Npgsql;

namespace Molecule.Kernel.Secrets;

/// <summary>Which step of storing one secret failed; each has its own reference error text.</summary>
public enum SecretWriteStage
{
    Encrypt,
    Save,
}

/// <summary>The secret that could not be stored and at which step.</summary>
public sealed record SecretWriteFailure(string Key, SecretWriteStage Stage);

/// <summary>
/// Stores a workspace's secrets encrypted, inside a transaction the caller owns, so a workspace
/// created with <c>secrets</c> exists together with them or not at all. Implemented by Secrets.
/// </summary>
public interface IWorkspaceSecretWriter
{
    /// <summary>Encrypts and upserts every pair; returns the first failure (the caller rolls back) or null.</summary>
    Task<SecretWriteFailure?> UpsertAsync(
        NpgsqlTransaction transaction,
        Guid workspaceId,
        IReadOnlyDictionary<string, string> secrets,
        CancellationToken cancellationToken = default);
}
