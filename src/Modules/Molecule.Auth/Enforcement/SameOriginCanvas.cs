namespace Molecule.Auth.Enforcement;

/// <summary>
/// Spec §3.7: when this server also serves the canvas (<c>CANVAS_PROXY_URL</c> set), a browser request
/// whose Referer or Origin is this very host comes from that canvas.
/// </summary>
internal static class SameOriginCanvas
{
    public static bool Matches(bool canvasProxyConfigured, string? host, string? referer, string? origin)
    {
        if (!canvasProxyConfigured || string.IsNullOrEmpty(host))
        {
            return false;
        }

        return IsSelf("http://", host, referer, origin) || IsSelf("https://", host, referer, origin);
    }

    private static bool IsSelf(string scheme, string host, string? referer, string? origin)
    {
        var self = scheme + host;
        return string.Equals(origin, self, StringComparison.Ordinal)
            || string.Equals(referer, self, StringComparison.Ordinal)
            || (referer is not null && referer.StartsWith(self + "/", StringComparison.Ordinal));
    }
}
