using System.Security.Cryptography;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Version 1: AES-256-GCM under <c>SECRETS_ENCRYPTION_KEY</c>, stored as the reference writes it —
/// <c>nonce(12) ‖ ciphertext ‖ tag(16)</c>, no associated data (Go's
/// <c>gcm.Seal(nonce, nonce, plaintext, nil)</c>).
/// </summary>
internal sealed class AesGcmCipher : ISecretCipher
{
    public const int VersionNumber = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public AesGcmCipher(byte[] key)
    {
        if (key.Length != EncryptionKey.Size)
        {
            throw new ArgumentException("AES-256-GCM needs a 32-byte key", nameof(key));
        }

        _key = key.ToArray();
    }

    public int Version => VersionNumber;

    public ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, SecretScope scope, CancellationToken cancellationToken)
    {
        var blob = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext.Span, blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(NonceSize + plaintext.Length, TagSize));
        return ValueTask.FromResult(blob);
    }

    public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> stored, SecretScope scope, CancellationToken cancellationToken)
    {
        if (stored.Length < NonceSize + TagSize)
        {
            throw new SecretCipherException("encrypted value is shorter than nonce and tag");
        }

        var blob = stored.Span;
        var ciphertextLength = blob.Length - NonceSize - TagSize;
        var plaintext = new byte[ciphertextLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(blob[..NonceSize], blob.Slice(NonceSize, ciphertextLength), blob[^TagSize..], plaintext);
        }
        catch (CryptographicException exception)
        {
            // Tampered bytes and a wrong key look the same: the tag does not verify.
            CryptographicOperations.ZeroMemory(plaintext);
            throw new SecretCipherException("encrypted value failed authentication (tampered or wrong key)", exception);
        }

        return ValueTask.FromResult(plaintext);
    }
}
