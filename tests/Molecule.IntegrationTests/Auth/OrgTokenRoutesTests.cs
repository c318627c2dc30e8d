using System.Net;
using System.Net.Http.Json;
using System.Text;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>GET/POST /org/tokens and DELETE /org/tokens/{id} (spec §4.11).</summary>
public sealed class OrgTokenRoutesTests
{
    private const string AdminToken = "admin-secret";

    private static Task<MoleculeApp> StartWithAdminTokenAsync() =>
        MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = AdminToken });

    [Fact]
    public async Task Create_shows_the_token_once_and_it_then_works_as_an_admin_credential()
    {
        await using var app = await StartWithAdminTokenAsync();

        var response = await app.Client(AdminToken).PostAsJsonAsync("/org/tokens", new { name = "ci bot" });

        var body = await response.ShouldSucceedWith(HttpStatusCode.OK);
        var token = body["auth_token"]!.GetValue<string>();
        token.Length.ShouldBe(43);
        body["prefix"]!.GetValue<string>().ShouldBe(token[..8]);
        body["name"]!.GetValue<string>().ShouldBe("ci bot");
        body["warning"]!.GetValue<string>().ShouldBe("copy this token now; it will not be shown again");
        Guid.TryParse(body["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");

        (await app.Client(token).GetAsync("/org/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync<string>("SELECT created_by FROM org_api_tokens")).ShouldBe("admin-token");
        (await app.ScalarAsync<long>($"SELECT count(*) FROM org_api_tokens WHERE token_hash = sha256('{token}'::bytea)")).ShouldBe(1);
    }

    [Fact]
    public async Task Create_without_a_body_or_name_omits_the_name()
    {
        await using var app = await StartWithAdminTokenAsync();

        var bare = await (await app.Client(AdminToken).PostAsync("/org/tokens", null)).ShouldSucceedWith(HttpStatusCode.OK);
        var empty = await (await app.Client(AdminToken).PostAsJsonAsync("/org/tokens", new { name = "" })).ShouldSucceedWith(HttpStatusCode.OK);

        bare.AsObject().ContainsKey("name").ShouldBeFalse();
        empty.AsObject().ContainsKey("name").ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_minted_with_an_org_token_is_attributed_to_it_and_inherits_its_org()
    {
        await using var app = await StartWithAdminTokenAsync();
        var org = await app.InsertWorkspaceAsync(name: "org-root");
        var (_, parent) = await app.InsertOrgTokenAsync(orgId: org);

        var body = await (await app.Client(parent).PostAsJsonAsync("/org/tokens", new { name = "child" })).ShouldSucceedWith(HttpStatusCode.OK);

        var id = body["id"]!.GetValue<string>();
        (await app.ScalarAsync<string>($"SELECT created_by FROM org_api_tokens WHERE id = '{id}'")).ShouldBe($"org-token:{parent[..8]}");
        (await app.ScalarAsync<Guid>($"SELECT org_id FROM org_api_tokens WHERE id = '{id}'")).ShouldBe(org);
    }

    [Fact]
    public async Task Create_refuses_a_long_name_and_a_bad_body()
    {
        await using var app = await StartWithAdminTokenAsync();

        (await app.Client(AdminToken).PostAsJsonAsync("/org/tokens", new { name = new string('n', 100) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client(AdminToken).PostAsJsonAsync("/org/tokens", new { name = new string('n', 101) }))
            .ShouldFailWith(HttpStatusCode.BadRequest, "name too long (max 100 chars)");
        await (await app.Client(AdminToken).PostAsync("/org/tokens", new StringContent("{not json", Encoding.UTF8, "application/json")))
            .ShouldFailWith(HttpStatusCode.BadRequest, "invalid request body");
        await (await app.Client(AdminToken).PostAsync("/org/tokens", new StringContent("{\"name\":5}", Encoding.UTF8, "application/json")))
            .ShouldFailWith(HttpStatusCode.BadRequest, "invalid request body");
        (await app.ScalarAsync<long>("SELECT count(*) FROM org_api_tokens")).ShouldBe(1);
    }

    [Fact]
    public async Task Create_is_limited_to_ten_per_hour_per_client()
    {
        await using var app = await StartWithAdminTokenAsync();
        var client = app.Client(AdminToken);

        for (var i = 0; i < 10; i++)
        {
            var ok = await client.PostAsync("/org/tokens", null);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            ok.Headers.GetValues("X-RateLimit-Limit").ShouldBe(["10"]);
            ok.Headers.GetValues("X-RateLimit-Remaining").ShouldBe([(9 - i).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var refused = await client.PostAsync("/org/tokens", null);

        var body = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, body);
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        json["error"]!.GetValue<string>().ShouldBe("rate limit exceeded");
        json["retry_after"]!.GetValue<long>().ShouldBeInRange(1, 3600);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await app.ScalarAsync<long>("SELECT count(*) FROM org_api_tokens")).ShouldBe(10);
    }

    [Fact]
    public async Task Dev_mode_has_no_create_limit()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = "development" });

        for (var i = 0; i < 11; i++)
        {
            var response = await app.Client().PostAsync("/org/tokens", null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues("X-RateLimit-Limit").ShouldBe(["unlimited"]);
        }
    }

    [Fact]
    public async Task List_shows_live_tokens_newest_first_without_secrets()
    {
        await using var app = await StartWithAdminTokenAsync();
        var org = await app.InsertWorkspaceAsync(name: "org-root");
        var (revokedId, _) = await app.InsertOrgTokenAsync(name: "old");
        await app.ExecuteSqlAsync($"UPDATE org_api_tokens SET revoked_at = now() WHERE id = '{revokedId}'");
        var (olderId, _) = await app.InsertOrgTokenAsync(name: "older", orgId: org);
        await app.ExecuteSqlAsync($"UPDATE org_api_tokens SET created_at = now() - interval '1 hour' WHERE id = '{olderId}'");
        var created = await (await app.Client(AdminToken).PostAsync("/org/tokens", null)).ShouldSucceedWith(HttpStatusCode.OK);

        var response = await app.Client(AdminToken).GetAsync("/org/tokens");

        var body = await response.ShouldSucceedWith(HttpStatusCode.OK);
        body["count"]!.GetValue<int>().ShouldBe(2);
        var tokens = body["tokens"]!.AsArray();
        tokens[0]!["id"]!.GetValue<string>().ShouldBe(created["id"]!.GetValue<string>());
        tokens[0]!["created_by"]!.GetValue<string>().ShouldBe("admin-token");
        tokens[0]!.AsObject().ContainsKey("name").ShouldBeFalse();
        tokens[0]!.AsObject().ContainsKey("org_id").ShouldBeFalse();
        tokens[0]!.AsObject().ContainsKey("last_used_at").ShouldBeFalse();
        tokens[1]!["id"]!.GetValue<string>().ShouldBe(olderId.ToString());
        tokens[1]!["name"]!.GetValue<string>().ShouldBe("older");
        tokens[1]!["org_id"]!.GetValue<string>().ShouldBe(org.ToString());
        tokens[1]!["created_at"]!.GetValue<string>().ShouldEndWith("Z");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("auth_token");
    }

    [Fact]
    public async Task List_is_an_empty_array_when_there_are_none()
    {
        await using var app = await StartWithAdminTokenAsync();

        var body = await (await app.Client(AdminToken).GetAsync("/org/tokens")).ShouldSucceedWith(HttpStatusCode.OK);

        body["tokens"]!.AsArray().Count.ShouldBe(0);
        body["count"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Revoke_answers_with_the_id_then_the_token_stops_working()
    {
        await using var app = await StartWithAdminTokenAsync();
        var (id, token) = await app.InsertOrgTokenAsync();

        var body = await (await app.Client(AdminToken).DeleteAsync($"/org/tokens/{id}")).ShouldSucceedWith(HttpStatusCode.OK);

        body["revoked"]!.GetValue<string>().ShouldBe(id.ToString());
        await (await app.Client(token).GetAsync("/org/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        await (await app.Client(AdminToken).DeleteAsync($"/org/tokens/{id}"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");
    }

    [Fact]
    public async Task Revoke_of_an_unknown_or_malformed_id_is_404()
    {
        await using var app = await StartWithAdminTokenAsync();

        await (await app.Client(AdminToken).DeleteAsync($"/org/tokens/{Guid.NewGuid()}"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");
        await (await app.Client(AdminToken).DeleteAsync("/org/tokens/not-a-uuid"))
            .ShouldFailWith(HttpStatusCode.NotFound, "token not found or already revoked");
    }

    [Fact]
    public async Task Every_route_requires_admin_auth()
    {
        await using var app = await StartWithAdminTokenAsync();
        var (id, _) = await app.InsertOrgTokenAsync();
        var workspaceToken = await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());

        await (await app.Client().GetAsync("/org/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client(workspaceToken).PostAsync("/org/tokens", null)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        await (await app.Client("wrong").DeleteAsync($"/org/tokens/{id}")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        (await app.ScalarAsync<long>("SELECT count(*) FROM org_api_tokens WHERE revoked_at IS NULL")).ShouldBe(1);
    }
}
