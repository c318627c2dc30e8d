using Molecule.Secrets.Crypto;

namespace Molecule.Secrets.ReEncryption;

/// <summary>One of the two secret tables, as the re-encryption job sees it.</summary>
internal sealed record SecretTable(string Name, string ScopeColumns, Func<SecretRow, SecretScope> ScopeOf, Func<SecretRow, string> LabelOf)
{
    public static SecretTable Workspace { get; } = new(
        "workspace_secrets",
        "workspace_id, key",
        row => SecretScope.Workspace(row.WorkspaceId!.Value, row.Key),
        row => $"workspace:{row.WorkspaceId:D}:{row.Key}");

    public static SecretTable Global { get; } = new(
        "global_secrets",
        "NULL::uuid AS workspace_id, key",
        row => SecretScope.Global(row.Key),
        row => $"global:{row.Key}");

    public static IReadOnlyList<SecretTable> All { get; } = [Workspace, Global];
}

/// <summary>A row picked for re-encryption, locked by the batch's transaction.</summary>
internal sealed record SecretRow(Guid Id, Guid? WorkspaceId, string Key, byte[] EncryptedValue, int EncryptionVersion)
{
    public SealedValue Sealed => new(EncryptedValue, EncryptionVersion);
}
