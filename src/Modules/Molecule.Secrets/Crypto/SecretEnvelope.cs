using System.Security.Cryptography;
using System.Text;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Turns values into stored rows and back. Writes use the newest configured format (KMS, else the
/// static key, else plaintext); reads pick the cipher by the row's version, so rows written under an
/// earlier mode keep working as long as what they need (the static key, KMS) is still configured.
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
    public static SecretEnvelope FromKey(byte[]? key) => Create(key, kms: null);

    /// <summary>
    /// Writes version 2 when <paramref name="kms"/> is given, else version 1 with a static key, else
    /// version 0. Version 0 always reads; version 1 reads when the static key is configured, version 2
    /// when KMS is.
    /// </summary>
    public static SecretEnvelope Create(byte[]? staticKey, ISecretCipher? kms)
    {
        var plaintext = new PlaintextCipher();
        var readers = new List<ISecretCipher> { plaintext };
        ISecretCipher writer = plaintext;
        if (staticKey is not null)
        {
            writer = new AesGcmCipher(staticKey);
            readers.Add(writer);
        }

        return new SecretEnvelope(kms ?? writer, readers);
    }

    public int WriteVersion => _writer.Version;

    public bool Encrypts => _writer.Version != PlaintextCipher.VersionNumber;

    /// <summary>Whether rows of <paramref name="version"/> can be opened with what is configured.</summary>
    public bool CanRead(int version) => _readers.ContainsKey(version);

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
            throw new SecretCipherException(stored.Version switch
            {
                AesGcmCipher.VersionNumber => "row was encrypted (version=1) but SECRETS_ENCRYPTION_KEY is unset; cannot decrypt",
                KmsEnvelopeCipher.VersionNumber => "row was encrypted (version=2) but KMS_KEY_ARN is unset; cannot decrypt",
                _ => $"unknown encryption_version={stored.Version}; platform upgrade required",
            });
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
