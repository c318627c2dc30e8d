using Microsoft.AspNetCore.Http;

namespace Molecule.Workspaces.Create;

/// <summary>
/// The URL an external agent should call back on: <c>EXTERNAL_PLATFORM_URL</c> when set, otherwise
/// the URL the admin reached us on, as seen through a reverse proxy (X-Forwarded-Proto/-Host).
/// </summary>
internal static class PlatformUrl
{
    public static string For(HttpRequest request, string? configured) => Derive(
        configured,
        request.Headers["X-Forwarded-Proto"].ToString(),
        request.IsHttps,
        request.Headers["X-Forwarded-Host"].ToString(),
        request.Host.Value ?? "");

    public static string Derive(string? configured, string? forwardedProto, bool isHttps, string? forwardedHost, string host)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().TrimEnd('/');
        }

        // A proxy chain may list several values; the first is the client-facing one.
        var scheme = FirstListed(forwardedProto) ?? (isHttps ? "https" : "http");
        var authority = FirstListed(forwardedHost) ?? host;
        return $"{scheme}://{authority}".TrimEnd('/');
    }

    private static string? FirstListed(string? header)
    {
        var first = (header ?? "").Split(',')[0].Trim();
        return first.Length == 0 ? null : first;
    }
}
