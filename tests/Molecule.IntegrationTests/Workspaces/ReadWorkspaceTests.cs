using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class ReadWorkspaceTests
{
    [Fact]
    public async Task The_list_shows_every_workspace_that_is_not_removed_oldest_first_with_the_admin_fields()
    {
        await using var app = await WorkspacesApp.StartAsync();
        var (emptyResponse, _) = await SendAsync(app.Admin(), HttpMethod.Get, "/workspaces");
        (await emptyResponse.Content.ReadAsStringAsync()).ShouldBe("[]");

        var first = await CreateAsync(app.Admin(), new { name = "First", role = "lead", canvas = new { x = 10, y = 20 }, budget_limit = 500, workspace_dir = "/home/me/p" });
        var second = await InsertAsync(app, "Second", status: "online", parentId: first);
        await InsertAsync(app, "Gone", status: "removed");
        await ExecuteAsync(app, "UPDATE workspaces SET agent_card = '{\"name\":\"card\",\"skills\":[]}', current_task = 'writing', last_error_rate = 0.25 WHERE id = @second", new { second });

        var (response, _) = await SendAsync(app.Admin(), HttpMethod.Get, "/workspaces");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        list.Select(item => item!["name"]!.GetValue<string>()).ShouldBe(["First", "Second"]);
        var a = list[0]!.AsObject();
        a.Select(pair => pair.Key).ShouldBe(
        [
            "id", "name", "role", "tier", "status", "agent_card", "url", "parent_id", "active_tasks", "max_concurrent_tasks",
            "last_error_rate", "last_sample_error", "uptime_seconds", "current_task", "runtime", "compute_backend", "workspace_dir", "budget_limit",
            "monthly_spend", "x", "y", "collapsed",
        ]);
        a["role"]!.GetValue<string>().ShouldBe("lead");
        a["agent_card"].ShouldBeNull();
        a["url"]!.GetValue<string>().ShouldBe("");
        a["parent_id"].ShouldBeNull();
        a["budget_limit"]!.GetValue<long>().ShouldBe(500);
        a["workspace_dir"]!.GetValue<string>().ShouldBe("/home/me/p");
        a["x"]!.ToJsonString().ShouldBe("10");
        a["compute_backend"]!.GetValue<string>().ShouldBe("docker");
        a["y"]!.ToJsonString().ShouldBe("20");
        a["collapsed"]!.GetValue<bool>().ShouldBeFalse();

        var b = list[1]!.AsObject();
        b["parent_id"]!.GetValue<string>().ShouldBe(first.ToString());
        b["role"].ShouldBeNull();
        b["workspace_dir"].ShouldBeNull();
        b["budget_limit"].ShouldBeNull();
        b["agent_card"]!.ToJsonString().ShouldBe("""{"name":"card","skills":[]}""");
        b["current_task"]!.GetValue<string>().ShouldBe("writing");
        b["last_error_rate"]!.ToJsonString().ShouldBe("0.25");
        b["x"]!.ToJsonString().ShouldBe("0");
    }

    [Fact]
    public async Task Get_answers_the_open_view_including_removed_workspaces()
    {
        await using var app = await WorkspacesApp.StartAsync();
        var id = await InsertAsync(app, "Tombstone", status: "removed", url: null);

        var (response, body) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.Select(pair => pair.Key).ShouldBe(
        [
            "id", "name", "role", "tier", "status", "agent_card", "url", "parent_id", "active_tasks", "max_concurrent_tasks",
            "last_error_rate", "uptime_seconds", "runtime", "compute_backend", "x", "y", "collapsed", "last_outbound_at",
        ]);
        body.Text("status").ShouldBe("removed");
        body.Text("compute_backend").ShouldBe("docker");
        body!["agent_card"].ShouldBeNull();
        body.Text("url").ShouldBe("");
        body["active_tasks"]!.GetValue<int>().ShouldBe(0);
        body["last_error_rate"]!.ToJsonString().ShouldBe("0");
        body["last_outbound_at"].ShouldBeNull();

        await ExecuteAsync(app, "UPDATE workspaces SET last_outbound_at = '2026-04-27T10:00:00.123456Z' WHERE id = @id", new { id });
        var (_, later) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}");
        later.Text("last_outbound_at").ShouldBe("2026-04-27T10:00:00.123456Z");
    }

    [Fact]
    public async Task Get_refuses_a_non_uuid_and_answers_404_for_an_unknown_id()
    {
        await using var app = await WorkspacesApp.StartAsync();

        var (badResponse, badBody) = await SendAsync(app.Admin(), HttpMethod.Get, "/workspaces/not-a-uuid");
        badResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badBody.Text("error").ShouldBe("invalid workspace ID");

        var (missingResponse, missingBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{Guid.NewGuid()}");
        missingResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingBody.Text("error").ShouldBe("workspace not found");
    }

    [Fact]
    public async Task A_runtime_template_with_a_provision_timeout_shows_up_as_a_hint()
    {
        var configs = Directory.CreateTempSubdirectory("molecule-configs-");
        try
        {
            var template = Directory.CreateDirectory(Path.Combine(configs.FullName, "hermes-default"));
            await File.WriteAllTextAsync(Path.Combine(template.FullName, "config.yaml"), "runtime: hermes\nruntime_config:\n  provision_timeout_seconds: 1500\n");
            await using var app = await WorkspacesApp.StartAsync(new Dictionary<string, string?> { ["CONFIGS_DIR"] = configs.FullName });
            var hermes = await InsertAsync(app, "Hermes", runtime: "hermes");
            var other = await InsertAsync(app, "Other");

            var (_, hermesBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{hermes}");
            var (_, otherBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{other}");

            hermesBody!["provision_timeout_ms"]!.GetValue<long>().ShouldBe(1_500_000);
            otherBody!.ContainsKey("provision_timeout_ms").ShouldBeFalse();
        }
        finally
        {
            configs.Delete(recursive: true);
        }
    }
}
