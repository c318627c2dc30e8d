using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Net;

namespace Molecule.Plugins.Sources;

/// <summary>
/// The handler plugin downloads go through: the SSRF guard runs on the addresses actually connected
/// to, so neither a redirect nor a DNS answer that changes between check and use can reach a blocked
/// range. Loopback is allowed only in a dev environment, private ranges in SaaS or dev, as elsewhere.
/// </summary>
internal static class GuardedHttpHandler
{
    public static SocketsHttpHandler Create(IOptions<PlatformOptions> platform)
    {
        var context = new OutboundUrlContext(
            AllowPrivateRanges: platform.Value.IsSaas || platform.Value.IsDevEnvironment,
            AllowLoopback: platform.Value.IsDevEnvironment);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectCallback = (connection, cancellationToken) => ConnectAsync(connection.DnsEndPoint, context, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, OutboundUrlContext context, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(address => !OutboundUrlGuard.IsAllowed(address, context)))
        {
            throw new HttpRequestException($"{endpoint.Host} is not an allowed download host (resolves to a blocked or no address)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
