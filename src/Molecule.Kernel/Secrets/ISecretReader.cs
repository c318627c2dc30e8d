namespace Molecule.Kernel.Secrets;

/// <summary>Decrypted secrets for provisioners; values never leave the process otherwise.</summary>
public interface ISecretReader
{
    /// <summary>Global secrets overridden by the workspace's own, decrypted.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadMergedAsync(Guid workspaceId, CancellationToken cancellationToken = default);
}
