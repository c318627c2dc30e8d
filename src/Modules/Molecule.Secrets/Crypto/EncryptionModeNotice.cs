using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Molecule.Secrets.Crypto;

/// <summary>Says once, at startup, how secrets are stored, so plaintext storage is never a surprise.</summary>
internal sealed partial class EncryptionModeNotice(
    SecretEnvelope envelope,
    IOptions<SecretsOptions> options,
    ILogger<EncryptionModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (envelope.Encrypts)
        {
            LogEncrypted(envelope.WriteVersion);
        }
        else
        {
            LogPlaintext();
        }

        if (!string.IsNullOrEmpty(options.Value.KmsKeyArn))
        {
            LogKmsIgnored();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "secrets are encrypted at rest with AES-256-GCM (encryption_version={Version})")]
    private partial void LogEncrypted(int version);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "SECRETS_ENCRYPTION_KEY is not set: secrets are stored in plaintext (encryption_version=0). " +
        "Set a 32-byte key (`openssl rand -hex 32`) to encrypt them; production refuses to start without one")]
    private partial void LogPlaintext();

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "KMS_KEY_ARN is set but KMS envelope encryption (encryption_version=2) is not available in this server " +
        "and is ignored; only SECRETS_ENCRYPTION_KEY decides how secrets are stored")]
    private partial void LogKmsIgnored();
}
