using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Molecule.Ssh;

/// <summary>Connects <see cref="SshSession"/>s with the configured timeouts and keep-alives.</summary>
internal sealed class SshNetSessionConnector(IOptions<SshOptions> options, TimeProvider time, ILogger<SshSession> logger)
    : ISshSessionConnector
{
    public async Task<ISshSession> ConnectAsync(SshPath path, SshKeyPair key, CancellationToken cancellationToken) =>
        await SshSession.ConnectAsync(path, key, options.Value, time, logger, cancellationToken);
}
