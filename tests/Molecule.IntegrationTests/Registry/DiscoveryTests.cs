using System.Net;
using System.Net.Http.Json;
using Molecule.Kernel.Auth;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Registry;

public sealed class DiscoveryTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public DiscoveryTests(MoleculeApp app) => _app = app;

    private HttpClient Caller(Guid caller, string? bearer = null)
    {
        var client = _app.Client(bearer);
        client.DefaultRequestHeaders.Add("X-Workspace-ID", caller.ToString());
        return client;
    }

    [Fact]
    public async Task A_sibling_discovers_an_online_peer_and_gets_its_url()
    {
        var parent = await _app.SeedWorkspaceAsync("team");
        var a = await _app.SeedWorkspaceAsync("a", parent: parent);
        var b = await _app.SeedWorkspaceAsync("b", parent: parent, url: "http://127.0.0.1:40001");

        var response = await Caller(a).GetAsync($"/registry/discover/{b}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["id"]!.GetValue<string>().ShouldBe(b.ToString());
        body["url"]!.GetValue<string>().ShouldBe("http://127.0.0.1:40001");
        body["name"]!.GetValue<string>().ShouldBe("b");
    }

    [Fact]
    public async Task The_channel_plugin_header_works_as_the_caller_too()
    {
        var a = await _app.SeedWorkspaceAsync("root-a");
        var b = await _app.SeedWorkspaceAsync("root-b");
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Source-Workspace-Id", a.ToString());

        (await client.GetAsync($"/registry/discover/{b}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_online_peer_without_a_url_gets_its_container_address()
    {
        var a = await _app.SeedWorkspaceAsync("solo-a");
        var b = await _app.SeedWorkspaceAsync("solo-b");

        var body = await (await Caller(a).GetAsync($"/registry/discover/{b}")).JsonAsync();

        body["url"]!.GetValue<string>().ShouldBe($"http://ws-{b.ToString()[..12]}:8000");
    }

    [Fact]
    public async Task Discovery_errors_match_the_reference()
    {
        var team = await _app.SeedWorkspaceAsync("team-x");
        var member = await _app.SeedWorkspaceAsync("member", parent: team);
        var otherTeam = await _app.SeedWorkspaceAsync("team-y");
        var stranger = await _app.SeedWorkspaceAsync("stranger", parent: otherTeam);
        var sleeping = await _app.SeedWorkspaceAsync("sleeping", status: "offline", parent: team);

        var noHeader = await _app.Client().GetAsync($"/registry/discover/{member}");
        var forbidden = await Caller(member).GetAsync($"/registry/discover/{stranger}");
        var offline = await Caller(member).GetAsync($"/registry/discover/{sleeping}");
        var missing = await Caller(member).GetAsync($"/registry/discover/{Guid.NewGuid()}");

        noHeader.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noHeader.JsonAsync())["error"]!.GetValue<string>().ShouldBe("X-Workspace-ID header is required");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.JsonAsync())["error"]!.GetValue<string>().ShouldBe("not authorized to discover this workspace");
        offline.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await offline.JsonAsync())["status"]!.GetValue<string>().ShouldBe("offline");
        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_caller_holding_tokens_must_prove_it()
    {
        var a = await _app.SeedWorkspaceAsync("proud-a");
        var b = await _app.SeedWorkspaceAsync("proud-b");
        var token = await _app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(a);

        (await Caller(a).GetAsync($"/registry/discover/{b}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Caller(a, "wrong").GetAsync($"/registry/discover/{b}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Caller(a, token).GetAsync($"/registry/discover/{b}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.Client().GetAsync($"/registry/{a}/peers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Client(token).GetAsync($"/registry/{a}/peers")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Peers_are_siblings_then_children_then_the_parent_without_removed_rows()
    {
        var parent = await _app.SeedWorkspaceAsync("lead");
        var self = await _app.SeedWorkspaceAsync("self", parent: parent);
        var sibling = await _app.SeedWorkspaceAsync("sibling", parent: parent);
        await _app.SeedWorkspaceAsync("removed-sibling", status: "removed", parent: parent);
        var child = await _app.SeedWorkspaceAsync("child", parent: self);

        var peers = (await (await _app.Client().GetAsync($"/registry/{self}/peers")).JsonAsync()).AsArray();

        peers.Select(p => p!["id"]!.GetValue<string>()).ShouldBe([sibling.ToString(), child.ToString(), parent.ToString()]);
        var first = peers[0]!.AsObject();
        first["role"].ShouldBeNull();
        first["url"]!.GetValue<string>().ShouldBe("");
        first["agent_card"].ShouldBeNull();
        first.ContainsKey("parent_id").ShouldBeTrue();
    }

    [Fact]
    public async Task Peers_filter_by_name_and_answer_empty_arrays_and_404s()
    {
        var parent = await _app.SeedWorkspaceAsync("org");
        var self = await _app.SeedWorkspaceAsync("me", parent: parent);
        await _app.SeedWorkspaceAsync("Researcher", parent: parent);

        var filtered = (await (await _app.Client().GetAsync($"/registry/{self}/peers?q=%20research%20")).JsonAsync()).AsArray();
        var none = await _app.Client().GetAsync($"/registry/{self}/peers?q=zzz");
        var missing = await _app.Client().GetAsync($"/registry/{Guid.NewGuid()}/peers");
        var bad = await _app.Client().GetAsync("/registry/not-a-uuid/peers");

        filtered.ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("Researcher");
        (await none.Content.ReadAsStringAsync()).ShouldBe("[]");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Check_access_answers_the_hierarchy_rule()
    {
        var team = await _app.SeedWorkspaceAsync("t");
        var member = await _app.SeedWorkspaceAsync("m", parent: team);
        var otherTeam = await _app.SeedWorkspaceAsync("t2");
        var outsider = await _app.SeedWorkspaceAsync("o", parent: otherTeam);

        var allowed = await (await _app.Client().PostAsJsonAsync("/registry/check-access", new { caller_id = member, target_id = team })).JsonAsync();
        var denied = await (await _app.Client().PostAsJsonAsync("/registry/check-access", new { caller_id = member, target_id = outsider })).JsonAsync();
        var bad = await _app.Client().PostAsJsonAsync("/registry/check-access", new { caller_id = member });

        allowed["allowed"]!.GetValue<bool>().ShouldBeTrue();
        denied["allowed"]!.GetValue<bool>().ShouldBeFalse();
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
