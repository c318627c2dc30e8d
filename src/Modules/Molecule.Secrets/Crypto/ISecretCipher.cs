namespace Molecule.Secrets.Crypto;

/// <summary>
/// One at-rest format of a secret value, named by the <c>encryption_version</c> column it writes.
/// Failures throw <see cref="SecretCipherException"/>; a cipher never returns bytes it could not
/// authenticate.
/// </summary>
internal interface ISecretCipher
{
    int Version { get; }

    ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, SecretScope scope, CancellationToken cancellationToken);

    ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> stored, SecretScope scope, CancellationToken cancellationToken);
}
