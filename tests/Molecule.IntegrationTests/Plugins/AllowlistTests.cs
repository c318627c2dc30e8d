using System.Net;
using System.Net.Http.Json;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

public sealed class AllowlistTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    [Fact]
    public async Task An_org_without_a_list_allows_all()
    {
        var org = await app.CreateWorkspaceAsync();

        var body = await (await app.Admin().GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeOkAsync();

        body.ToJsonString().ShouldBe($$"""{"allow_all":true,"org_id":"{{org}}","plugins":[]}""");
    }

    [Fact]
    public async Task Put_replaces_the_list_and_get_returns_it_by_name()
    {
        var org = await app.CreateWorkspaceAsync();
        await app.Admin().PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", new { plugins = new[] { "old" }, enabled_by = "first" });

        var put = await (await app.Admin().PutAsJsonAsync(
            $"/orgs/{org}/plugins/allowlist", new { plugins = new[] { "zeta", "alpha", "zeta" }, enabled_by = "ops@example.com" })).ShouldBeOkAsync();
        var get = await (await app.Admin().GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeOkAsync();

        put.ToJsonString().ShouldBe($$"""{"allow_all":false,"org_id":"{{org}}","plugins":["zeta","alpha","zeta"]}""");
        get["allow_all"]!.GetValue<bool>().ShouldBeFalse();
        var plugins = get["plugins"]!.AsArray();
        plugins.Select(p => p!["plugin_name"]!.GetValue<string>()).ShouldBe(["alpha", "zeta"]);
        plugins.ShouldAllBe(p => p!["enabled_by"]!.GetValue<string>() == "ops@example.com");
        plugins[0]!["enabled_at"]!.GetValue<string>().ShouldEndWith("Z");
    }

    [Fact]
    public async Task Put_without_plugins_clears_the_list()
    {
        var org = await app.CreateWorkspaceAsync();
        await app.Admin().PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", new { plugins = new[] { "a" }, enabled_by = "x" });

        var put = await (await app.Admin().PutAsync($"/orgs/{org}/plugins/allowlist", PluginsHttp.Json("""{"enabled_by":"x"}"""))).ShouldBeOkAsync();

        put.ToJsonString().ShouldBe($$"""{"allow_all":true,"org_id":"{{org}}","plugins":null}""");
        (await (await app.Admin().GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeOkAsync())["plugins"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not json", "invalid request body")]
    [InlineData("""{"plugins":"a","enabled_by":"x"}""", "invalid request body")]
    [InlineData("""{"plugins":["a"]}""", "enabled_by is required")]
    [InlineData("""{"plugins":["a"],"enabled_by":""}""", "enabled_by is required")]
    public async Task Put_refuses_a_bad_body(string json, string error)
    {
        var org = await app.CreateWorkspaceAsync();

        await (await app.Admin().PutAsync($"/orgs/{org}/plugins/allowlist", PluginsHttp.Json(json)))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Put_refuses_an_invalid_plugin_name_naming_it()
    {
        var org = await app.CreateWorkspaceAsync();

        var body = await (await app.Admin().PutAsJsonAsync(
            $"/orgs/{org}/plugins/allowlist", new { plugins = new[] { "ok", "../etc" }, enabled_by = "x" }))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid plugin name");

        body["plugin_name"]!.GetValue<string>().ShouldBe("../etc");
        body["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task An_unknown_org_is_not_found(string method)
    {
        foreach (var org in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), $"/orgs/{org}/plugins/allowlist")
            {
                Content = method == "PUT" ? PluginsHttp.Json("""{"plugins":[],"enabled_by":"x"}""") : null,
            };

            await (await app.Admin().SendAsync(request)).ShouldBeErrorAsync(HttpStatusCode.NotFound, "org not found");
        }
    }

    [Fact]
    public async Task Org_tokens_reach_only_their_own_org()
    {
        var org = await app.CreateWorkspaceAsync();
        var other = await app.CreateWorkspaceAsync();
        var (_, own) = await app.InsertOrgTokenAsync(org);
        var (_, foreign) = await app.InsertOrgTokenAsync(other);
        var (_, unbound) = await app.InsertOrgTokenAsync();
        var body = new { plugins = new[] { "a" }, enabled_by = "org-admin" };

        await (await app.Client(own).GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeOkAsync();
        await (await app.Client(own).PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", body)).ShouldBeOkAsync();
        await (await app.Client(foreign).GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeErrorAsync(HttpStatusCode.Forbidden, "org access denied");
        await (await app.Client(foreign).PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", body)).ShouldBeErrorAsync(HttpStatusCode.Forbidden, "org access denied");
        await (await app.Client(unbound).GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeErrorAsync(HttpStatusCode.Forbidden, "org access denied");
        await (await app.Client(foreign).GetAsync($"/orgs/{Guid.NewGuid()}/plugins/allowlist")).ShouldBeErrorAsync(HttpStatusCode.Forbidden, "org access denied");
    }

    [Fact]
    public async Task Admin_auth_is_required()
    {
        var org = await app.CreateWorkspaceAsync();
        var workspaceToken = await app.IssueWorkspaceTokenAsync(org);

        await (await app.Client().GetAsync($"/orgs/{org}/plugins/allowlist")).ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client(workspaceToken).PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", new { plugins = Array.Empty<string>(), enabled_by = "x" }))
            .ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "invalid admin auth token");
    }

    [Fact]
    public async Task Installs_are_checked_against_the_parents_list_or_a_roots_own()
    {
        var org = await app.CreateWorkspaceAsync();
        var child = await app.CreateWorkspaceAsync(parentId: org);
        var unrestricted = await app.CreateWorkspaceAsync();
        app.AddRegistryPlugin("allowed-one", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        app.AddRegistryPlugin("denied-one", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        await (await app.Admin().PutAsJsonAsync($"/orgs/{org}/plugins/allowlist", new { plugins = new[] { "allowed-one" }, enabled_by = "x" }))
            .ShouldBeOkAsync();

        await (await app.Admin().InstallAsync(child, "denied-one"))
            .ShouldBeErrorAsync(HttpStatusCode.Forbidden, "plugin \"denied-one\" is not in the org allowlist");
        await (await app.Admin().InstallAsync(org, "local://denied-one"))
            .ShouldBeErrorAsync(HttpStatusCode.Forbidden, "plugin \"denied-one\" is not in the org allowlist");

        // Past the allowlist, these fail only because no container runs for them.
        await (await app.Admin().InstallAsync(child, "allowed-one"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        await (await app.Admin().InstallAsync(unrestricted, "denied-one"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
    }
}
