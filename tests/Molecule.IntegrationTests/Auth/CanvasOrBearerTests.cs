using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>CanvasOrBearer (spec §3.4), through a test-only route.</summary>
public sealed class CanvasOrBearerTests
{
    private const string Route = "/probe/canvas";

    [Fact]
    public async Task Without_live_workspace_tokens_everything_passes()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();

        (await probes.Client().GetAsync(Route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await probes.Client("garbage").GetAsync(Route)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_live_tokens_a_bearer_must_be_admin_or_any_workspace_token()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();
        var workspaceToken = await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        var (_, orgToken) = await app.InsertOrgTokenAsync();

        (await probes.Client("admin-secret").GetAsync(Route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await probes.Client(workspaceToken).GetAsync(Route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await probes.Client(orgToken).GetAsync(Route)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        await (await probes.Client("garbage").GetAsync(Route)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
    }

    [Fact]
    public async Task Without_a_bearer_only_a_configured_cors_origin_passes()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["CORS_ORIGINS"] = "http://canvas.test:3000, http://other.test" });
        await using var probes = app.WithProbes();
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());

        (await SendWithOrigin(probes.Client(), "http://other.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendWithOrigin(probes.Client(), "http://canvas.test:3000")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await SendWithOrigin(probes.Client(), "http://evil.test")).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await probes.Client().GetAsync(Route)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
    }

    [Fact]
    public async Task A_trusted_origin_does_not_rescue_a_bad_bearer()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await using var probes = app.WithProbes();
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());

        await (await SendWithOrigin(probes.Client("garbage"), "http://localhost:3000"))
            .ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
    }

    private static Task<HttpResponseMessage> SendWithOrigin(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Route);
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request);
    }
}
