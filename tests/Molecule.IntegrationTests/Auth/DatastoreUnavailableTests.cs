using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>When the token tables cannot be read, admin and workspace auth answer 503 platform_unavailable.</summary>
public sealed class DatastoreUnavailableTests
{
    [Fact]
    public async Task Admin_auth_answers_503_when_it_cannot_count_tokens()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await app.ExecuteSqlAsync("ALTER TABLE workspace_auth_tokens RENAME TO workspace_auth_tokens_away");

        var response = await app.Client("anything").GetAsync("/org/tokens");

        await ShouldBeUnavailable(response);
    }

    [Fact]
    public async Task Workspace_auth_answers_503_when_it_cannot_look_up_a_bearer()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();
        await app.ExecuteSqlAsync("ALTER TABLE org_api_tokens RENAME TO org_api_tokens_away");

        var response = await app.Client("anything").GetAsync($"/workspaces/{workspace}/tokens");

        await ShouldBeUnavailable(response);
    }

    [Fact]
    public async Task Canvas_or_bearer_fails_open_when_it_cannot_count_tokens()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();
        await app.ExecuteSqlAsync("ALTER TABLE workspace_auth_tokens RENAME TO workspace_auth_tokens_away");

        (await probes.Client().GetAsync("/probe/canvas")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task ShouldBeUnavailable(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        json["error"]!.GetValue<string>().ShouldBe("platform datastore unavailable — retry shortly");
        json["code"]!.GetValue<string>().ShouldBe("platform_unavailable");
        body.ShouldContain("—"); // raw UTF-8, as the reference writes it
    }
}
