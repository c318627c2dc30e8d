using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>WorkspaceAuth (spec §3.2) through the real route GET /workspaces/{id}/tokens.</summary>
public sealed class WorkspaceAuthTests
{
    private static string Route(Guid workspace) => $"/workspaces/{workspace}/tokens";

    [Fact]
    public async Task Own_token_passes_and_a_token_of_another_workspace_does_not()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var mine = await app.InsertWorkspaceAsync();
        var other = await app.InsertWorkspaceAsync();
        var myToken = await app.IssueWorkspaceTokenAsync(mine);

        (await app.Client(myToken).GetAsync(Route(mine))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client(myToken).GetAsync(Route(other))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task There_is_no_fresh_install_fail_open()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();

        await (await app.Client().GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "missing workspace auth token");
        await (await app.Client("garbage").GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task Token_of_a_removed_workspace_fails()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        await app.ExecuteSqlAsync($"UPDATE workspaces SET status = 'removed' WHERE id = '{workspace}'");

        await (await app.Client(token).GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task Revoked_workspace_token_fails()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        await app.ExecuteSqlAsync("UPDATE workspace_auth_tokens SET revoked_at = now()");

        await (await app.Client(token).GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task Admin_token_and_org_tokens_pass_and_a_revoked_org_token_fails()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        var workspace = await app.InsertWorkspaceAsync();
        var (orgTokenId, orgToken) = await app.InsertOrgTokenAsync();

        (await app.Client("admin-secret").GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client(orgToken).GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.ExecuteSqlAsync($"UPDATE org_api_tokens SET revoked_at = now() WHERE id = '{orgTokenId}'");

        await (await app.Client(orgToken).GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task Dev_mode_lets_bearer_less_requests_in_but_a_bad_bearer_still_fails()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = "dev" });
        var workspace = await app.InsertWorkspaceAsync();
        await app.IssueWorkspaceTokenAsync(workspace);

        (await app.Client().GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client("garbage").GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Fact]
    public async Task Same_origin_canvas_passes_only_when_this_server_proxies_the_canvas()
    {
        await using var withCanvas = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["CANVAS_PROXY_URL"] = "http://127.0.0.1:3000" });
        await using var withoutCanvas = await MoleculeApp.StartAsync(new Dictionary<string, string?>());

        foreach (var (app, expected) in new[] { (withCanvas, HttpStatusCode.OK), (withoutCanvas, HttpStatusCode.Unauthorized) })
        {
            var workspace = await app.InsertWorkspaceAsync();
            var client = app.Client();
            using var request = new HttpRequestMessage(HttpMethod.Get, Route(workspace));
            request.Headers.Referrer = new Uri($"http://{client.BaseAddress!.Authority}/canvas");

            (await client.SendAsync(request)).StatusCode.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task A_non_uuid_workspace_id_cannot_be_matched_by_a_workspace_token()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var token = await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());

        await (await app.Client(token).GetAsync("/workspaces/not-a-uuid/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }
}
