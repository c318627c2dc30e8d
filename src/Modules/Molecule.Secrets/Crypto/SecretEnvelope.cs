using System.Security.Cryptography;
using System.Text;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Turns values into stored rows and back. Writes use the newest configured format; reads pick the
/// cipher by the row's version, so rows written before a key (version 0) keep working.
/// </summary>
internal sealed class SecretEnvelope
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ISecretCipher _writer;
    private readonly Dictionary<int, ISecretCipher> _readers;

    public SecretEnvelope(ISecretCipher writer, IEnumerable<ISecretCipher> readers)
    {
        _writer = writer;
        _readers = readers.ToDictionary(cipher => cipher.Version);
        _readers[writer.Version] = writer;
    }

    /// <summary>Version 1 with a key, version 0 (plaintext) without.</summary>
    public static SecretEnvelope FromKey(byte[]? key)
    {
        var plaintext = new PlaintextCipher();
        return key is null
            ? new SecretEnvelope(plaintext, [])
            : new SecretEnvelope(new AesGcmCipher(key), [plaintext]);
    }

    public int WriteVersion => _writer.Version;

    public bool Encrypts => _writer.Version != PlaintextCipher.VersionNumber;

    public async ValueTask<SealedValue> SealAsync(string value, SecretScope scope, CancellationToken cancellationToken)
    {
        var plaintext = StrictUtf8.GetBytes(value);
        try
        {
            return new SealedValue(await _writer.EncryptAsync(plaintext, scope, cancellationToken), _writer.Version);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public async ValueTask<string> OpenAsync(SealedValue stored, SecretScope scope, CancellationToken cancellationToken)
    {
        if (!_readers.TryGetValue(stored.Version, out var cipher))
        {
            throw new SecretCipherException(stored.Version == AesGcmCipher.VersionNumber
                ? "row was encrypted (version=1) but SECRETS_ENCRYPTION_KEY is unset; cannot decrypt"
                : $"unknown encryption_version={stored.Version}; platform upgrade required");
        }

        var plaintext = await cipher.DecryptAsync(stored.Bytes, scope, cancellationToken);
        try
        {
            return StrictUtf8.GetString(plaintext);
        }
        catch (DecoderFallbackException exception)
        {
            throw new SecretCipherException("stored value is not valid UTF-8 text", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
