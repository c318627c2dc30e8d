using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

internal sealed class EicTunnelFactory(
    EicEndpointLocator locator,
    EicTunnelUrlSigner signer,
    EicConnectionPool pool,
    IOptions<EicTunnelOptions> options,
    TimeProvider clock,
    ILoggerFactory loggers) : IEicTunnelFactory
{
    private readonly ILogger _logger = loggers.CreateLogger<EicTunnel>();

    public async Task<IEicTunnel> OpenAsync(EicTunnelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrWhiteSpace(target.PrivateIpAddress))
        {
            throw new ArgumentException($"instance {target.InstanceId} has no private IPv4 address to tunnel to", nameof(target));
        }

        if (target.RemotePort is not (22 or 3389))
        {
            throw new ArgumentException("EC2 Instance Connect endpoints only tunnel to ports 22 and 3389", nameof(target));
        }

        var endpoint = await locator.LocateAsync(target, cancellationToken);
        return new EicTunnel(target, endpoint, signer, pool, options.Value, clock, _logger);
    }
}
