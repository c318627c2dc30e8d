using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class CorsTests : IClassFixture<MoleculeApp>
{
    private const string Canvas = "http://localhost:3000";

    private readonly MoleculeApp _app;

    public CorsTests(MoleculeApp app) => _app = app;

    [Theory]
    [InlineData("/no/such/path")]
    [InlineData("/workspaces")]
    public async Task Preflight_from_an_allowed_origin_is_answered_on_any_path(string path)
    {
        var response = await _app.Client().SendAsync(Preflight(path, Canvas));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Canvas);
        Header(response, "Access-Control-Allow-Credentials").ShouldBe("true");
        var allowedHeaders = Header(response, "Access-Control-Allow-Headers");
        foreach (var header in new[] { "Origin", "Content-Type", "X-Workspace-ID", "Authorization", "X-Source-Workspace-Id", "X-Molecule-Org-Id", "X-Timeout" })
        {
            allowedHeaders.ShouldContain(header);
        }

        var allowedMethods = Header(response, "Access-Control-Allow-Methods");
        foreach (var method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" })
        {
            allowedMethods.ShouldContain(method);
        }
    }

    [Fact]
    public async Task Request_from_an_allowed_origin_echoes_it_with_credentials()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", Canvas);

        var response = await _app.Client().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(Canvas);
        Header(response, "Access-Control-Allow-Credentials").ShouldBe("true");
        Header(response, "Access-Control-Expose-Headers").ShouldContain("Retry-After");
    }

    [Fact]
    public async Task Disallowed_origin_gets_no_cors_headers_and_its_preflight_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "http://evil.example");

        var plain = await _app.Client().SendAsync(request);
        var preflight = await _app.Client().SendAsync(Preflight("/workspaces", "http://evil.example"));

        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        plain.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        preflight.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Own_origin_is_never_rejected()
    {
        // The SDK and the channel plugin send Origin equal to the platform URL itself.
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Origin", "http://localhost");

        var plain = await _app.Client().SendAsync(request);
        var preflight = await _app.Client().SendAsync(Preflight("/workspaces", "http://localhost"));

        plain.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(plain, "Access-Control-Allow-Origin").ShouldBe("http://localhost");
        preflight.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Cors_origins_setting_replaces_the_default_list()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["CORS_ORIGINS"] = "https://canvas.example.com, http://localhost:4000",
        });

        var configured = await app.Client().SendAsync(Preflight("/workspaces", "http://localhost:4000"));
        var formerDefault = await app.Client().SendAsync(Preflight("/workspaces", Canvas));

        Header(configured, "Access-Control-Allow-Origin").ShouldBe("http://localhost:4000");
        formerDefault.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
