using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Molecule.Secrets.Crypto;

/// <summary>Says once, at startup, how secrets are stored, so plaintext storage is never a surprise.</summary>
internal sealed partial class EncryptionModeNotice(SecretEnvelope envelope, ILogger<EncryptionModeNotice> logger) : IHostedService
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

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "secrets are encrypted at rest with AES-256-GCM (encryption_version={Version})")]
    private partial void LogEncrypted(int version);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "SECRETS_ENCRYPTION_KEY is not set: secrets are stored in plaintext (encryption_version=0). " +
        "Set a 32-byte key (`openssl rand -hex 32`) to encrypt them; production refuses to start without one")]
    private partial void LogPlaintext();
}
