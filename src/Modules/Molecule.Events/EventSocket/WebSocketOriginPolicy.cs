using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;

namespace Molecule.Events.EventSocket;

/// <summary>
/// Which browser origins may open /ws. Any origin when <c>CORS_ORIGINS</c> is unset (as the
/// reference); otherwise a configured origin (case-insensitive) or the server's own host.
/// </summary>
internal sealed class WebSocketOriginPolicy(IOptions<PlatformOptions> platform)
{
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();

        // Browsers always send Origin on a WebSocket handshake; its absence means a non-browser
        // client (the workspace runtime's subscriber sends none), which no origin rule protects against.
        if (origin.Length == 0 || string.IsNullOrWhiteSpace(platform.Value.CorsOrigins))
        {
            return true;
        }

        return IsServerItself(origin, request.Host) ||
               platform.Value.CorsOriginList.Any(allowed => string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// SDKs send Origin equal to the platform URL. The scheme is not compared because TLS often
    /// ends at a proxy in front of us; host and port must match.
    /// </summary>
    private static bool IsServerItself(string origin, HostString host)
    {
        if (!host.HasValue ||
            !Uri.TryCreate(origin, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Port is { } port ? uri.Port == port : uri.IsDefaultPort;
    }
}
