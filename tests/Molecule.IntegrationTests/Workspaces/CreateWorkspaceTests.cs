using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class CreateWorkspaceTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    // The app's DOCKER_HOST is a socket that does not exist (MoleculeApp.DockerHost), whatever runs on the machine.
    private string DockerMissing =>
        $"Docker engine at {app.DockerHost} is unavailable: no socket at {app.DockerHost["unix://".Length..]} — workspace containers need a running Docker daemon: start it or point DOCKER_HOST at its socket";

    [Fact]
    public async Task A_workspace_needing_compute_answers_provisioning_then_fails_naming_the_missing_backend()
    {
        var (response, body) = await PostAsync(app.Admin(), "/workspaces", """
            {"name":"Researcher","role":"finds papers","tier":2,"canvas":{"x":120.5,"y":-40},
             "initial_memories":[{"content":"likes arxiv","scope":"team"},{"content":"key sk-ant-api03-abcdefghijklmnopqrstuvwxyz","scope":""},{"content":"skip me","scope":"galaxy"}]}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var id = Guid.Parse(body.Text("id"));
        body.Text("status").ShouldBe("provisioning");
        body.Text("awareness_namespace").ShouldBe($"workspace:{id}");
        body.Text("workspace_access").ShouldBe("none");
        body!.Count.ShouldBe(4);

        await SettleAsync(app, id);
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("failed");
        row.LastSampleError.ShouldBe(DockerMissing);
        row.Role.ShouldBe("finds papers");
        row.Tier.ShouldBe(2);
        row.Runtime.ShouldBe("langgraph");
        row.AwarenessNamespace.ShouldBe($"workspace:{id}");
        row.MaxConcurrentTasks.ShouldBe(1);

        var events = await EventsAsync(app, id);
        events.Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING", "WORKSPACE_PROVISION_FAILED"]);
        events[0].Payload.ToJsonString().ShouldBe("""{"name":"Researcher","tier":2,"runtime":"langgraph"}""");
        events[1].Payload.Count.ShouldBe(1);
        events[1].Payload["error"]!.GetValue<string>().ShouldBe(DockerMissing);

        (await CountAsync(app, "SELECT count(*) FROM canvas_layouts WHERE workspace_id = @id AND x = 120.5 AND y = -40", new { id })).ShouldBe(1);
        (await CountAsync(app, "SELECT count(*) FROM workspace_config WHERE workspace_id = @id AND data = '{\"name\":\"Researcher\",\"runtime\":\"langgraph\",\"tier\":2,\"template\":\"\"}'::jsonb", new { id })).ShouldBe(1);
        (await CountAsync(app, "SELECT count(*) FROM agent_memories WHERE workspace_id = @id AND namespace = 'workspace:' || @id", new { id })).ShouldBe(2);
        (await CountAsync(app, "SELECT count(*) FROM agent_memories WHERE workspace_id = @id AND scope = 'TEAM' AND content = 'likes arxiv'", new { id })).ShouldBe(1);
        (await CountAsync(app, "SELECT count(*) FROM agent_memories WHERE workspace_id = @id AND scope = 'LOCAL' AND content = 'key [REDACTED:ANTHROPIC_API_KEY]'", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task Tier_zero_becomes_three_and_an_unknown_runtime_is_stored_verbatim()
    {
        var id = await CreateAsync(app.Admin(), new { name = "Custom", tier = 0, runtime = "my-runtime" });

        var row = (await RowAsync(app, id))!;
        row.Tier.ShouldBe(3);
        row.Runtime.ShouldBe("my-runtime");
    }

    [Fact]
    public async Task An_external_workspace_with_a_url_is_online_at_once()
    {
        var (response, body) = await PostAsync(app.Admin(), "/workspaces",
            """{"name":"Remote","external":true,"url":"https://agent.example.com/a2a"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(body.Text("id"));
        body!.ToJsonString().ShouldBe($$"""{"id":"{{id}}","external":true,"status":"online"}""");

        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("online");
        row.Runtime.ShouldBe("external");
        row.Url.ShouldBe("https://agent.example.com/a2a");
        var events = await EventsAsync(app, id);
        events.Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING", "WORKSPACE_ONLINE"]);
        events[1].Payload.ToJsonString().ShouldBe("""{"name":"Remote","external":true}""");
        (await CountAsync(app, "SELECT count(*) FROM workspace_config WHERE workspace_id = @id", new { id })).ShouldBe(0);
    }

    [Fact]
    public async Task An_external_workspace_without_a_url_waits_for_its_agent_with_a_live_token_and_connection_details()
    {
        var client = app.Admin();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "molecule.example.com");
        var (response, body) = await PostAsync(client, "/workspaces", """{"name":"Laptop agent","runtime":"external"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(body.Text("id"));
        body.Text("status").ShouldBe("awaiting_agent");
        body!["external"]!.GetValue<bool>().ShouldBeTrue();
        var connection = body["connection"]!.AsObject();
        connection.Text("workspace_id").ShouldBe(id.ToString());
        connection.Text("platform_url").ShouldBe("https://molecule.example.com");
        connection.Text("registry_endpoint").ShouldBe("https://molecule.example.com/registry/register");
        connection.Text("heartbeat_endpoint").ShouldBe("https://molecule.example.com/registry/heartbeat");
        var token = connection.Text("auth_token");
        token.Length.ShouldBe(43);
        connection.Text("curl_register_template").ShouldContain("https://molecule.example.com/registry/register");
        connection.Text("curl_register_template").ShouldContain($"Bearer {token}");
        connection.Text("curl_register_template").ShouldContain("$AGENT_URL");
        connection.Text("python_snippet").ShouldContain("RemoteAgentClient");
        connection.Text("python_snippet").ShouldContain(id.ToString());

        (await RowAsync(app, id))!.Status.ShouldBe("awaiting_agent");
        (await RowAsync(app, id))!.Runtime.ShouldBe("external");
        (await app.Services.GetRequiredService<IWorkspaceTokens>().ValidateAsync(id, token)).ShouldBeTrue();
        var events = await EventsAsync(app, id);
        events.Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING", "WORKSPACE_AWAITING_AGENT"]);
        events[1].Payload.ToJsonString().ShouldBe("""{"name":"Laptop agent","external":true}""");
    }

    [Fact]
    public async Task A_child_records_its_parent()
    {
        var parent = await CreateAsync(app.Admin(), new { name = "Lead" });
        var child = await CreateAsync(app.Admin(), new { name = "Helper", parent_id = parent });

        (await RowAsync(app, child))!.ParentId.ShouldBe(parent);
    }

    [Fact]
    public async Task Unicode_names_round_trip()
    {
        const string name = "研究チーム — Ünïcødé 🚀";
        var id = await CreateAsync(app.Admin(), new { name });

        (await RowAsync(app, id))!.Name.ShouldBe(name);
        var (_, body) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}");
        body.Text("name").ShouldBe(name);
    }

    [Theory]
    [InlineData("not json", "invalid workspace payload")]
    [InlineData("", "invalid workspace payload")]
    [InlineData("[]", "invalid workspace payload")]
    [InlineData("null", "invalid workspace payload")]
    [InlineData("""{"role":"no name"}""", "invalid workspace payload")]
    [InlineData("""{"name":""}""", "invalid workspace payload")]
    [InlineData("""{"name":"a","tier":"1"}""", "invalid workspace payload")]
    [InlineData("""{"name":"a","tier":1.5}""", "invalid workspace payload")]
    [InlineData("""{"name":"a","external":"yes"}""", "invalid workspace payload")]
    [InlineData("""{"name":"a","secrets":["x"]}""", "invalid workspace payload")]
    [InlineData("""{"name":"a","parent_id":"not-a-uuid"}""", "invalid workspace payload")]
    [InlineData("""{"name":"a\ud800"}""", "invalid workspace payload")]
    [InlineData("""{"name":"two\nlines"}""", "invalid workspace fields")]
    [InlineData("""{"name":"nul\u0000"}""", "invalid workspace fields")]
    [InlineData("""{"name":"esc\u001b[31m"}""", "invalid workspace fields")]
    [InlineData("""{"name":"a","role":"x|y"}""", "invalid workspace fields")]
    [InlineData("""{"name":"a","external":true,"url":"javascript:alert(1)"}""", "invalid workspace fields")]
    [InlineData("""{"name":"a","template":"../../etc"}""", "invalid template")]
    [InlineData("""{"name":"a","workspace_dir":"/etc/x"}""", "invalid workspace directory")]
    [InlineData("""{"name":"a","workspace_access":"read_write"}""", "invalid workspace access")]
    [InlineData("""{"name":"a","parent_id":"00000000-0000-0000-0000-000000000042"}""", "parent workspace not found")]
    public async Task Bad_input_is_refused_with_the_reference_text_and_writes_nothing(string json, string error)
    {
        var before = await CountAsync(app, "SELECT count(*) FROM workspaces");

        var (response, body) = await PostAsync(app.Admin(), "/workspaces", json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe(error);
        (await CountAsync(app, "SELECT count(*) FROM workspaces")).ShouldBe(before);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var content = new StringContent("{\"name\":\"" + new string('a', 5 << 20) + "\"}", Encoding.UTF8, "application/json");

        var response = await app.Admin().PostAsync("/workspaces", content);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>()).Text("error").ShouldBe("request body too large");
    }

    [Fact]
    public async Task A_removed_parent_is_not_a_parent()
    {
        var parent = await InsertAsync(app, "Gone", status: "removed");

        var (response, body) = await PostAsync(app.Admin(), "/workspaces", $$"""{"name":"Orphan","parent_id":"{{parent}}"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("parent workspace not found");
    }
}
