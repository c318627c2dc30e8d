using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Secrets.Crypto;

namespace Molecule.Secrets;

/// <summary>
/// Refuses to start with a key that is not exactly 32 bytes, a malformed KMS key id, or — in
/// production — with neither a static key nor KMS (one is enough). The messages name the accepted
/// forms, never the configured value.
/// </summary>
internal sealed class SecretsOptionsValidator(IOptions<PlatformOptions> platform) : IValidateOptions<SecretsOptions>
{
    /// <summary>KMS accepts key ids, key ARNs, alias names and alias ARNs of at most 2048 characters.</summary>
    private const int MaxKmsKeyIdLength = 2048;

    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        if (options.HasEncryptionKey && !EncryptionKey.TryParse(options.EncryptionKey, out _))
        {
            return ValidateOptionsResult.Fail($"SECRETS_ENCRYPTION_KEY is not a 32-byte key: {EncryptionKey.AcceptedForms}");
        }

        if (options.HasKmsKey && (options.KmsKeyArn!.Length > MaxKmsKeyIdLength || options.KmsKeyArn.Any(char.IsWhiteSpace)))
        {
            return ValidateOptionsResult.Fail(
                "KMS_KEY_ARN is not a KMS key id: use a key ARN (arn:aws:kms:<region>:<account>:key/<id>), a key id, " +
                "an alias name (alias/<name>) or an alias ARN, without spaces");
        }

        if (options.HasEncryptionKey || options.HasKmsKey)
        {
            return ValidateOptionsResult.Success;
        }

        return platform.Value.IsProduction
            ? ValidateOptionsResult.Fail(
                "SECRETS_ENCRYPTION_KEY is required when MOLECULE_ENV is prod or production, unless KMS_KEY_ARN is set " +
                $"for KMS envelope encryption: {EncryptionKey.AcceptedForms}")
            : ValidateOptionsResult.Success;
    }
}
