namespace Molecule.Secrets.Crypto;

/// <summary>Version 0: the value's bytes as they are. Written only when no key is configured.</summary>
internal sealed class PlaintextCipher : ISecretCipher
{
    public const int VersionNumber = 0;

    public int Version => VersionNumber;

    public ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, SecretScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(plaintext.ToArray());

    public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> stored, SecretScope scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(stored.ToArray());
}
