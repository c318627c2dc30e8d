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
        switch (envelope.WriteVersion)
        {
            case KmsEnvelopeCipher.VersionNumber:
                LogKms(options.Value.KmsKeyArn ?? "");
                if (!envelope.CanRead(AesGcmCipher.VersionNumber))
                {
                    LogVersion1Unreadable();
                }

                break;
            case AesGcmCipher.VersionNumber:
                LogEncrypted(envelope.WriteVersion);
                break;
            default:
                LogPlaintext();
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "secrets are encrypted at rest with AES-256-GCM (encryption_version={Version})")]
    private partial void LogEncrypted(int version);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "secrets are sealed with KMS envelope encryption under {KeyId:l} (encryption_version=2, one data key per write); " +
        "older rows are re-encrypted by POST /admin/secrets/reencrypt or `secrets reencrypt`")]
    private partial void LogKms(string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "KMS_KEY_ARN is set without SECRETS_ENCRYPTION_KEY: rows stored as encryption_version=1 cannot be read " +
        "(or re-encrypted) until the static key is configured as well")]
    private partial void LogVersion1Unreadable();

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "SECRETS_ENCRYPTION_KEY is not set: secrets are stored in plaintext (encryption_version=0). " +
        "Set a 32-byte key (`openssl rand -hex 32`) or KMS_KEY_ARN to encrypt them; production refuses to start without one")]
    private partial void LogPlaintext();
}
