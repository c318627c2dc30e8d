using Molecule.Workspaces.Create;

namespace Molecule.Tests.Workspaces;

public sealed class PlatformUrlTests
{
    [Theory]
    [InlineData("https://molecule.example.com/", null, false, null, "internal:8080", "https://molecule.example.com")]
    [InlineData(" https://molecule.example.com ", "http", false, "proxy", "internal:8080", "https://molecule.example.com")]
    [InlineData(null, "https", false, "public.example.com", "internal:8080", "https://public.example.com")]
    [InlineData(null, "https, http", false, "public.example.com, inner", "internal:8080", "https://public.example.com")]
    [InlineData("", null, true, null, "molecule.local:8443", "https://molecule.local:8443")]
    [InlineData(null, null, false, null, "localhost:8080", "http://localhost:8080")]
    [InlineData(null, "", false, "", "localhost:8080", "http://localhost:8080")]
    public void The_configured_url_wins_then_forwarded_headers_then_the_request(
        string? configured, string? forwardedProto, bool isHttps, string? forwardedHost, string host, string expected)
    {
        PlatformUrl.Derive(configured, forwardedProto, isHttps, forwardedHost, host).ShouldBe(expected);
    }
}
