using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class SecurityHeadersTests : IClassFixture<MoleculeApp>
{
    private const string CanvasCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; font-src 'self' data:";

    private readonly MoleculeApp _app;

    public SecurityHeadersTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Every_response_carries_the_fixed_headers()
    {
        var response = await _app.Client().GetAsync("/health");

        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Strict-Transport-Security").ShouldBe("max-age=31536000; includeSubDomains");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        Header(response, "Permissions-Policy").ShouldBe("camera=(), microphone=(), geolocation=()");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/workspaces")]
    [InlineData("/workspaces/00000000-0000-0000-0000-000000000001/files")]
    [InlineData("/org")]
    [InlineData("/ws")]
    public async Task Api_paths_get_the_strict_csp(string path)
    {
        var response = await _app.Client().GetAsync(path);

        Header(response, "Content-Security-Policy").ShouldBe("default-src 'self'");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/canvas/page")]
    [InlineData("/workspacesX")]
    [InlineData("/organisation")]
    public async Task Other_paths_get_the_canvas_csp(string path)
    {
        var response = await _app.Client().GetAsync(path);

        Header(response, "Content-Security-Policy").ShouldBe(CanvasCsp);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
