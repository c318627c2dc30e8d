using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class TenantGuardTests : IAsyncLifetime
{
    private const string OrgId = "org-7f3a";

    private MoleculeApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ORG_ID"] = OrgId });

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("some-other-org")]
    public async Task Requests_for_another_org_get_an_empty_404(string? orgHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/workspaces");
        if (orgHeader is not null)
        {
            request.Headers.Add("X-Molecule-Org-Id", orgHeader);
        }

        var response = await _app.Client().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/registry/register")]
    [InlineData("POST", "/registry/heartbeat")]
    [InlineData("GET", "/cp/auth/me")]
    public async Task Probes_agent_liveness_and_the_control_plane_always_pass(string method, string path)
    {
        var response = await _app.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        // Past the guard: either the route answers, or the Gin-style 404 text shows routing was reached.
        (await response.Content.ReadAsByteArrayAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Update_card_is_not_allowlisted()
    {
        var response = await _app.Client().PostAsync("/registry/update-card", null);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("X-Molecule-Org-Id", OrgId)]
    [InlineData("Fly-Replay-Src", "instance=abc; region=iad; state=" + OrgId)]
    public async Task Requests_naming_this_org_pass(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/path");
        request.Headers.Add(header, value);

        var response = await _app.Client().SendAsync(request);

        (await response.Content.ReadAsStringAsync()).ShouldBe("404 page not found");
    }

    [Fact]
    public async Task Same_origin_canvas_passes_when_this_host_serves_the_canvas()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["MOLECULE_ORG_ID"] = OrgId,
            ["CANVAS_PROXY_URL"] = "http://localhost:3000",
        });
        var fromCanvas = new HttpRequestMessage(HttpMethod.Get, "/no/such/path");
        fromCanvas.Headers.Referrer = new Uri("http://localhost/workspaces");

        var response = await app.Client().SendAsync(fromCanvas);

        (await response.Content.ReadAsStringAsync()).ShouldBe("404 page not found");
    }
}
