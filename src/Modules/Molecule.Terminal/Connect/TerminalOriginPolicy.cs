using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;

namespace Molecule.Terminal.Connect;

/// <summary>
/// Which browser origins may open a terminal (spec/api-contract.md §4.9): none sent (not a
/// browser), <c>http(s)://localhost:PORT</c>, an exact <c>CORS_ORIGINS</c> entry, or this server's
/// own origin (the canvas served through this host). Stricter than /ws, which admits any origin
/// when <c>CORS_ORIGINS</c> is unset: a terminal is a shell.
/// </summary>
internal sealed class TerminalOriginPolicy(IOptions<PlatformOptions> platform)
{
    public bool Allows(HttpRequest request) =>
        Allows(request.Headers.Origin.ToString(), request.Host, platform.Value.CorsOriginList);

    public static bool Allows(string origin, HostString host, IReadOnlyList<string> corsOrigins) =>
        origin.Length == 0 ||
        IsLocalhost(origin) ||
        corsOrigins.Contains(origin, StringComparer.Ordinal) ||
        IsServerItself(origin, host);

    /// <summary>The reference matches the <c>http(s)://localhost:</c> prefix; a port must follow, nothing else.</summary>
    private static bool IsLocalhost(string origin)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["http://localhost:", "https://localhost:"])
        {
            if (origin.StartsWith(prefix, StringComparison.Ordinal))
            {
                var port = origin.AsSpan(prefix.Length);
                return port.Length is >= 1 and <= 5 && !port.ContainsAnyExceptInRange('0', '9');
            }
        }

        return false;
    }

    /// <summary>
    /// The page came from this host. The scheme is not compared because TLS often ends at a proxy
    /// in front of us; host and port must match.
    /// </summary>
    private static bool IsServerItself(string origin, HostString host)
    {
        if (!host.HasValue ||
            !Uri.TryCreate(origin, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.AbsolutePath != "/" || uri.UserInfo.Length > 0 ||
            !string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Port is { } port ? uri.Port == port : uri.IsDefaultPort;
    }
}
