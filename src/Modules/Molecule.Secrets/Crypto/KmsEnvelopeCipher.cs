using System.Buffers.Binary;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Version 2: KMS envelope encryption. Every seal asks KMS for a fresh AES-256 data key bound by
/// encryption context to the secret's workspace (or <c>global</c>) and key name, seals the value
/// with AES-256-GCM under it and forgets it. Stored as
/// <c>0x02 ‖ uint16 big-endian length of the wrapped key ‖ wrapped key (KMS CiphertextBlob) ‖ nonce(12) ‖ ciphertext ‖ tag(16)</c>,
/// the layout the control plane uses. The header (marker, length, wrapped key) is the GCM associated
/// data, so a ciphertext cannot be paired with another row's wrapped key. Opening asks KMS to unwrap
/// with the same context: a value copied to another workspace or key is refused by KMS itself.
/// Data keys are never cached, so each write costs exactly one GenerateDataKey and each read one Decrypt.
/// </summary>
internal sealed class KmsEnvelopeCipher(IAmazonKeyManagementService kms, string keyId) : ISecretCipher
{
    public const int VersionNumber = 2;
    public const byte Marker = 0x02;
    public const string WorkspaceContextKey = "molecule:workspace_id";
    public const string SecretKeyContextKey = "molecule:secret_key";
    public const string GlobalWorkspace = "global";

    private const int LengthSize = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int DataKeySize = 32;

    public int Version => VersionNumber;

    public string KeyId => keyId;

    /// <summary>What KMS binds a data key to: the workspace id in lower-case "D" form, or <c>global</c>, and the key name.</summary>
    public static Dictionary<string, string> ContextOf(SecretScope scope) => new(StringComparer.Ordinal)
    {
        [WorkspaceContextKey] = scope.WorkspaceId?.ToString("D") ?? GlobalWorkspace,
        [SecretKeyContextKey] = scope.Key,
    };

    public async ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, SecretScope scope, CancellationToken cancellationToken)
    {
        GenerateDataKeyResponse response;
        try
        {
            response = await kms.GenerateDataKeyAsync(
                new GenerateDataKeyRequest { KeyId = keyId, KeySpec = DataKeySpec.AES_256, EncryptionContext = ContextOf(scope) },
                cancellationToken);
        }
        catch (Exception exception) when (KmsFailures.Translate(exception, "GenerateDataKey", cancellationToken) is { } translated)
        {
            throw translated;
        }

        var dataKey = response.Plaintext?.ToArray() ?? [];
        try
        {
            var wrapped = response.CiphertextBlob?.ToArray() ?? [];
            if (dataKey.Length != DataKeySize || wrapped.Length is 0 or > ushort.MaxValue)
            {
                throw new SecretCipherException("KMS GenerateDataKey answered without a 32-byte data key and its wrapped form");
            }

            var headerSize = 1 + LengthSize + wrapped.Length;
            var blob = new byte[headerSize + NonceSize + plaintext.Length + TagSize];
            blob[0] = Marker;
            BinaryPrimitives.WriteUInt16BigEndian(blob.AsSpan(1, LengthSize), (ushort)wrapped.Length);
            wrapped.CopyTo(blob.AsSpan(1 + LengthSize));
            var nonce = blob.AsSpan(headerSize, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(dataKey, TagSize);
            aes.Encrypt(
                nonce,
                plaintext.Span,
                blob.AsSpan(headerSize + NonceSize, plaintext.Length),
                blob.AsSpan(headerSize + NonceSize + plaintext.Length, TagSize),
                blob.AsSpan(0, headerSize));
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            Overwrite(response.Plaintext);
        }
    }

    public async ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> stored, SecretScope scope, CancellationToken cancellationToken)
    {
        var (headerSize, wrapped) = ParseHeader(stored.Span);
        DecryptResponse response;
        try
        {
            // No KeyId: KMS finds the key in the blob, so rows sealed under a previous KMS_KEY_ARN still open.
            response = await kms.DecryptAsync(
                new DecryptRequest { CiphertextBlob = new MemoryStream(wrapped), EncryptionContext = ContextOf(scope) },
                cancellationToken);
        }
        catch (Exception exception) when (KmsFailures.Translate(exception, "Decrypt", cancellationToken) is { } translated)
        {
            throw translated;
        }

        var dataKey = response.Plaintext?.ToArray() ?? [];
        try
        {
            if (dataKey.Length != DataKeySize)
            {
                throw new SecretCipherException("KMS Decrypt answered without a 32-byte data key");
            }

            var blob = stored.Span;
            var ciphertextLength = blob.Length - headerSize - NonceSize - TagSize;
            var plaintext = new byte[ciphertextLength];
            try
            {
                using var aes = new AesGcm(dataKey, TagSize);
                aes.Decrypt(
                    blob.Slice(headerSize, NonceSize),
                    blob.Slice(headerSize + NonceSize, ciphertextLength),
                    blob[^TagSize..],
                    plaintext,
                    blob[..headerSize]);
            }
            catch (CryptographicException exception)
            {
                CryptographicOperations.ZeroMemory(plaintext);
                throw new SecretCipherException("encrypted value failed authentication (tampered)", exception);
            }

            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            Overwrite(response.Plaintext);
        }
    }

    /// <summary>The header's size and the wrapped data key, after checking the layout fits.</summary>
    private static (int HeaderSize, byte[] Wrapped) ParseHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 1 + LengthSize || blob[0] != Marker)
        {
            throw new SecretCipherException("version 2 value does not start with the 0x02 marker");
        }

        var wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(blob.Slice(1, LengthSize));
        var headerSize = 1 + LengthSize + wrappedLength;
        if (wrappedLength == 0 || blob.Length < headerSize + NonceSize + TagSize)
        {
            throw new SecretCipherException("version 2 value is shorter than its header, nonce and tag");
        }

        return (headerSize, blob.Slice(1 + LengthSize, wrappedLength).ToArray());
    }

    /// <summary>
    /// Best effort: the SDK hands the plaintext data key back in a MemoryStream over its own array;
    /// writing zeros through the stream clears that array too.
    /// </summary>
    private static void Overwrite(MemoryStream? stream)
    {
        if (stream is null || !stream.CanWrite)
        {
            return;
        }

        var length = (int)stream.Length;
        stream.Position = 0;
        stream.Write(new byte[length]);
    }
}
