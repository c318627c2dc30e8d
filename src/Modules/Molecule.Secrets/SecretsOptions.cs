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
    /// KMS envelope encryption (version 2) is not built yet; when this is set the startup log says
    /// it is ignored, so nobody believes KMS custody is in force.
    /// </summary>
    [ConfigurationKeyName("KMS_KEY_ARN")]
    public string? KmsKeyArn { get; set; }

    public bool HasEncryptionKey => !string.IsNullOrEmpty(EncryptionKey);
}
