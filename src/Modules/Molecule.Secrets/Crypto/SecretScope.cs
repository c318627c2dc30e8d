namespace Molecule.Secrets.Crypto;

/// <summary>
/// What a stored value belongs to: a workspace's key, or a global key (<see cref="WorkspaceId"/>
/// null). Version 1 ignores it, as the reference binds no associated data; an envelope format such
/// as KMS can bind it as encryption context.
/// </summary>
internal readonly record struct SecretScope(Guid? WorkspaceId, string Key)
{
    public static SecretScope Global(string key) => new(null, key);

    public static SecretScope Workspace(Guid workspaceId, string key) => new(workspaceId, key);

    /// <summary>The label used in <c>failed_keys</c>: <c>global:K</c> or <c>workspace:K</c>.</summary>
    public string Label => WorkspaceId is null ? $"global:{Key}" : $"workspace:{Key}";
}
