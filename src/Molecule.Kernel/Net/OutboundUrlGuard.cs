using System.Net;
using System.Net.Sockets;

namespace Molecule.Kernel.Net;

/// <summary>Where the URL is going to be used, which decides how private ranges are treated.</summary>
/// <param name="AllowPrivateRanges">RFC-1918 and fd00::/8: allowed in SaaS mode and in a dev environment.</param>
/// <param name="AllowLoopback">127/8 and ::1: allowed only in a dev environment.</param>
public readonly record struct OutboundUrlContext(bool AllowPrivateRanges, bool AllowLoopback);

/// <summary>
/// The SSRF guard for every URL a user or agent hands us that the server will call: http(s) only,
/// hostnames resolved, and every resolved address checked against the blocked ranges. Metadata,
/// link-local, CGNAT, documentation and multicast ranges are always blocked.
/// </summary>
public static class OutboundUrlGuard
{
    private static readonly IPNetwork[] AlwaysBlocked =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fc00::/8"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("fd00::/8"),
    ];

    /// <summary>Whether one address may be called in <paramref name="context"/>.</summary>
    public static bool IsAllowed(IPAddress address, OutboundUrlContext context)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (AlwaysBlocked.Any(n => n.Contains(address)))
        {
            return false;
        }

        if (Loopback.Any(n => n.Contains(address)))
        {
            return context.AllowLoopback;
        }

        if (Private.Any(n => n.Contains(address)))
        {
            return context.AllowPrivateRanges;
        }

        return true;
    }

    /// <summary>
    /// Parses, resolves and checks <paramref name="url"/>. Returns null when it is safe, else why not.
    /// A name that does not resolve is refused: we cannot know where it would go.
    /// </summary>
    public static async Task<string?> CheckAsync(string? url, OutboundUrlContext context, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "only absolute http(s) URLs are allowed";
        }

        if (uri.Host.Length == 0)
        {
            return "the URL has no host";
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            }
            catch (SocketException)
            {
                return $"host {uri.Host} does not resolve";
            }
        }

        if (addresses.Length == 0)
        {
            return $"host {uri.Host} does not resolve";
        }

        var blocked = addresses.FirstOrDefault(a => !IsAllowed(a, context));
        return blocked is null ? null : $"host {uri.Host} resolves to a blocked address ({blocked})";
    }
}
