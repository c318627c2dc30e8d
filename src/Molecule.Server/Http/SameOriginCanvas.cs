using Molecule.Kernel.Configuration;

namespace Molecule.Server.Http;

/// <summary>
/// The reference's "same-origin canvas" test (spec/api-contract.md §3.7) for the tenant guard: when this
/// host serves the canvas itself (<c>CANVAS_PROXY_URL</c> set), a browser request whose Referer or
/// Origin is this host counts as coming from the canvas. The Auth module applies the same rule.
/// </summary>
internal static class SameOriginCanvas
{
    public static bool Matches(HttpRequest request, PlatformOptions options)
    {
        if (string.IsNullOrEmpty(options.CanvasProxyUrl) || !request.Host.HasValue)
        {
            return false;
        }

        var host = request.Host.Value;
        var referer = request.Headers.Referer.ToString();
        var origin = request.Headers.Origin.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)["http://", "https://"])
        {
            var self = scheme + host;
            if (referer == self || referer.StartsWith(self + "/", StringComparison.Ordinal) || origin == self)
            {
                return true;
            }
        }

        return false;
    }
}
