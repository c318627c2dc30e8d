using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>GET/POST /workspaces/{id}/tokens and DELETE /workspaces/{id}/tokens/{tokenId} (spec §4.11).</summary>
public sealed class WorkspaceTokenRoutesTests
{
    private const string AdminToken = "admin-secret";

    private static Task<MoleculeApp> StartWithAdminTokenAsync() =>
        MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = AdminToken });

    [Fact]
    public async Task Create_returns_201_with_a_token_bound_to_the_workspace()
    {
        await using var app = await StartWithAdminTokenAsync();
        var workspace = await app.InsertWorkspaceAsync();
        var other = await app.InsertWorkspaceAsync();
        var existing = await app.IssueWorkspaceTokenAsync(workspace);

        var response = await app.Client(existing).PostAsync($"/workspaces/{workspace}/tokens", null);

        var body = await response.ShouldSucceedWith(HttpStatusCode.Created);
        var token = body["auth_token"]!.GetValue<string>();
        token.Length.ShouldBe(43);
        body["workspace_id"]!.GetValue<string>().ShouldBe(workspace.ToString());
        body["message"]!.GetValue<string>().ShouldBe("Save this token now — it cannot be retrieved again.");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Save this token now — it");
        (await app.Client(token).GetAsync($"/workspaces/{workspace}/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client(token).GetAsync($"/workspaces/{other}/tokens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Client(existing).GetAsync($"/workspaces/{workspace}/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_stops_at_fifty_live_tokens()
    {
        await using var app = await StartWithAdminTokenAsync();
        var workspace = await app.InsertWorkspaceAsync();
        await app.ExecuteSqlAsync(
            $"""
            INSERT INTO workspace_auth_tokens (workspace_id, token_hash, prefix)
            SELECT '{workspace}', sha256(('seed-' || n)::bytea), 'seed' FROM generate_series(1, 49) n
            """);

        (await app.Client(AdminToken).PostAsync($"/workspaces/{workspace}/tokens", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await app.Client(AdminToken).PostAsync($"/workspaces/{workspace}/tokens", null))
            .ShouldFailWith(HttpStatusCode.TooManyRequests, "maximum 50 active tokens per workspace");

        await app.ExecuteSqlAsync($"UPDATE workspace_auth_tokens SET revoked_at = now() WHERE prefix = 'seed' AND workspace_id = '{workspace}' AND ctid IN (SELECT ctid FROM workspace_auth_tokens WHERE prefix = 'seed' LIMIT 1)");
        (await app.Client(AdminToken).PostAsync($"/workspaces/{workspace}/tokens", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await app.ScalarAsync<long>($"SELECT count(*) FROM workspace_auth_tokens WHERE workspace_id = '{workspace}' AND revoked_at IS NULL")).ShouldBe(50);
    }

    [Fact]
    public async Task Create_for_an_unknown_or_malformed_workspace_is_refused()
    {
        await using var app = await StartWithAdminTokenAsync();

        await (await app.Client(AdminToken).PostAsync($"/workspaces/{Guid.NewGuid()}/tokens", null))
            .ShouldFailWith(HttpStatusCode.NotFound, "workspace not found");
        await (await app.Client(AdminToken).PostAsync("/workspaces/not-a-uuid/tokens", null))
            .ShouldFailWith(HttpStatusCode.BadRequest, "invalid workspace ID");
    }

    [Fact]
    public async Task List_shows_live_tokens_with_prefix_only_and_honours_limit_and_offset()
    {
        await using var app = await StartWithAdminTokenAsync();
        var workspace = await app.InsertWorkspaceAsync();
        var first = await app.IssueWorkspaceTokenAsync(workspace);
        await app.ExecuteSqlAsync("UPDATE workspace_auth_tokens SET created_at = now() - interval '1 hour'");
        var second = await app.IssueWorkspaceTokenAsync(workspace);
        var revoked = await app.IssueWorkspaceTokenAsync(workspace);
        await app.ExecuteSqlAsync($"UPDATE workspace_auth_tokens SET revoked_at = now() WHERE prefix = '{revoked[..8]}'");

        var response = await app.Client(AdminToken).GetAsync($"/workspaces/{workspace}/tokens");

        var body = await response.ShouldSucceedWith(HttpStatusCode.OK);
        body["count"]!.GetValue<int>().ShouldBe(2);
        var tokens = body["tokens"]!.AsArray();
        tokens[0]!["prefix"]!.GetValue<string>().ShouldBe(second[..8]);
        tokens[1]!["prefix"]!.GetValue<string>().ShouldBe(first[..8]);
        tokens[0]!.AsObject().ContainsKey("last_used_at").ShouldBeTrue();
        tokens[0]!["last_used_at"].ShouldBeNull();
        tokens[0]!["created_at"]!.GetValue<string>().ShouldEndWith("Z");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(first);
        text.ShouldNotContain(second);

        var page = await (await app.Client(AdminToken).GetAsync($"/workspaces/{workspace}/tokens?limit=1&offset=1")).ShouldSucceedWith(HttpStatusCode.OK);
        page["count"]!.GetValue<int>().ShouldBe(1);
        page["tokens"]![0]!["prefix"]!.GetValue<string>().ShouldBe(first[..8]);

        var badPaging = await (await app.Client(AdminToken).GetAsync($"/workspaces/{workspace}/tokens?limit=abc&offset=-3")).ShouldSucceedWith(HttpStatusCode.OK);
        badPaging["count"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task List_of_a_workspace_without_tokens_is_an_empty_array_and_a_malformed_id_is_400()
    {
        await using var app = await StartWithAdminTokenAsync();

        var body = await (await app.Client(AdminToken).GetAsync($"/workspaces/{Guid.NewGuid()}/tokens")).ShouldSucceedWith(HttpStatusCode.OK);
        body["tokens"]!.AsArray().Count.ShouldBe(0);
        body["count"]!.GetValue<int>().ShouldBe(0);

        await (await app.Client(AdminToken).GetAsync("/workspaces/not-a-uuid/tokens"))
            .ShouldFailWith(HttpStatusCode.BadRequest, "invalid workspace ID");
    }

    [Fact]
    public async Task Revoke_stops_the_token_and_cannot_reach_another_workspaces_token()
    {
        await using var app = await StartWithAdminTokenAsync();
        var workspace = await app.InsertWorkspaceAsync();
        var other = await app.InsertWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);
        var tokenId = await app.ScalarAsync<Guid>($"SELECT id FROM workspace_auth_tokens WHERE workspace_id = '{workspace}'");

        await (await app.Client(AdminToken).DeleteAsync($"/workspaces/{other}/tokens/{tokenId}"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");

        var body = await (await app.Client(token).DeleteAsync($"/workspaces/{workspace}/tokens/{tokenId}")).ShouldSucceedWith(HttpStatusCode.OK);

        body["status"]!.GetValue<string>().ShouldBe("revoked");
        await (await app.Client(token).GetAsync($"/workspaces/{workspace}/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        await (await app.Client(AdminToken).DeleteAsync($"/workspaces/{workspace}/tokens/{tokenId}"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");
    }

    [Fact]
    public async Task Revoke_of_a_malformed_token_id_is_404_and_of_a_malformed_workspace_id_400()
    {
        await using var app = await StartWithAdminTokenAsync();

        await (await app.Client(AdminToken).DeleteAsync($"/workspaces/{Guid.NewGuid()}/tokens/nope"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");
        await (await app.Client(AdminToken).DeleteAsync($"/workspaces/nope/tokens/{Guid.NewGuid()}"))
            .ShouldFailWith(HttpStatusCode.BadRequest, "invalid workspace ID");
    }

    [Fact]
    public async Task Every_route_requires_workspace_auth()
    {
        await using var app = await StartWithAdminTokenAsync();
        var workspace = await app.InsertWorkspaceAsync();
        var other = await app.InsertWorkspaceAsync();
        var otherToken = await app.IssueWorkspaceTokenAsync(other);
        var token = await app.IssueWorkspaceTokenAsync(workspace);
        var tokenId = await app.ScalarAsync<Guid>($"SELECT id FROM workspace_auth_tokens WHERE workspace_id = '{workspace}'");

        await (await app.Client().GetAsync($"/workspaces/{workspace}/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "missing workspace auth token");
        await (await app.Client(otherToken).PostAsync($"/workspaces/{workspace}/tokens", null)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        await (await app.Client(otherToken).DeleteAsync($"/workspaces/{workspace}/tokens/{tokenId}")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        (await app.Client(token).GetAsync($"/workspaces/{workspace}/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync<long>("SELECT count(*) FROM workspace_auth_tokens WHERE revoked_at IS NULL")).ShouldBe(2);
    }
}
