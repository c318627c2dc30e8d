using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Secrets.Crypto;

namespace Molecule.Secrets;

/// <summary>
/// Refuses to start with a key that is not exactly 32 bytes, or without a key in production. The
/// messages name the accepted forms, never the configured value.
/// </summary>
internal sealed class SecretsOptionsValidator(IOptions<PlatformOptions> platform) : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        if (options.HasEncryptionKey)
        {
            return EncryptionKey.TryParse(options.EncryptionKey, out _)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"SECRETS_ENCRYPTION_KEY is not a 32-byte key: {EncryptionKey.AcceptedForms}");
        }

        return platform.Value.IsProduction
            ? ValidateOptionsResult.Fail(
                $"SECRETS_ENCRYPTION_KEY is required when MOLECULE_ENV is prod or production: {EncryptionKey.AcceptedForms}")
            : ValidateOptionsResult.Success;
    }
}
