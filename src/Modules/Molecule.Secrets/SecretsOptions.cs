using Microsoft.Extensions.Configuration;

namespace Molecule.Secrets;

/// <summary>Settings of the Secrets module, bound from the reference's environment variable names.</summary>
internal sealed class SecretsOptions
{
    /// <summary>
    /// The AES-256 key for encryption version 1. Unset or empty means plaintext (version 0), which
    /// is refused in production. See <see cref="Crypto.EncryptionKey"/> for the accepted forms.
    /// </summary>
    [ConfigurationKeyName("SECRETS_ENCRYPTION_KEY")]
    public string? EncryptionKey { get; set; }

    /// <summary>
    /// The KMS key (key ARN, key id, alias name or alias ARN) for envelope encryption, version 2.
    /// When set, every write takes a fresh data key from it; version 1 rows still read while
    /// <see cref="EncryptionKey"/> is configured too.
    /// </summary>
    [ConfigurationKeyName("KMS_KEY_ARN")]
    public string? KmsKeyArn { get; set; }

    public bool HasEncryptionKey => !string.IsNullOrEmpty(EncryptionKey);

    public bool HasKmsKey => !string.IsNullOrWhiteSpace(KmsKeyArn);
}
