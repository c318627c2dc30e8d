using System.Net;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class UpdateWorkspaceTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    private Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonObject? Body)> PatchAsync(object id, string json) =>
        SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}", json);

    [Fact]
    public async Task Every_key_is_written_and_no_event_is_emitted()
    {
        var parent = await InsertAsync(app, "Parent");
        var id = await InsertAsync(app, "Before");

        var (response, body) = await PatchAsync(id, $$"""
            {"name":"After","role":"reviewer","tier":4,"parent_id":"{{parent}}","collapsed":true,"runtime":"hermes",
             "x":12.5,"y":-3,"budget_limit":99,"unknown":"ignored"}
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"updated"}""");
        var row = (await RowAsync(app, id))!;
        row.Name.ShouldBe("After");
        row.Role.ShouldBe("reviewer");
        row.Tier.ShouldBe(4);
        row.ParentId.ShouldBe(parent);
        row.Runtime.ShouldBe("hermes");
        row.BudgetLimit.ShouldBeNull();
        (await CountAsync(app, "SELECT count(*) FROM canvas_layouts WHERE workspace_id = @id AND x = 12.5 AND y = -3 AND collapsed", new { id })).ShouldBe(1);
        (await EventsAsync(app, id)).ShouldBeEmpty();

        var (_, cleared) = await PatchAsync(id, """{"parent_id":null,"role":null,"workspace_dir":"/home/me/work"}""");
        cleared!.ToJsonString().ShouldBe("""{"status":"updated","needs_restart":true}""");
        row = (await RowAsync(app, id))!;
        row.ParentId.ShouldBeNull();
        row.Role.ShouldBeNull();
        row.WorkspaceDir.ShouldBe("/home/me/work");

        await PatchAsync(id, """{"workspace_dir":null}""");
        (await RowAsync(app, id))!.WorkspaceDir.ShouldBeNull();
    }

    [Fact]
    public async Task A_removed_workspace_can_still_be_renamed()
    {
        var id = await InsertAsync(app, "Removed", status: "removed");

        (await PatchAsync(id, """{"name":"Renamed"}""")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowAsync(app, id))!.Name.ShouldBe("Renamed");
    }

    [Theory]
    [InlineData("""{"name":"a\nb"}""", "name must not contain newline characters")]
    [InlineData("""{"name":"a&b"}""", "name contains invalid characters")]
    [InlineData("""{"role":"a]"}""", "role contains invalid characters")]
    [InlineData("""{"tier":"1"}""", "tier must be an integer")]
    [InlineData("""{"parent_id":7}""", "parent_id must be a workspace ID or null")]
    [InlineData("""{"collapsed":1}""", "collapsed must be a boolean")]
    [InlineData("not json", "invalid request body")]
    [InlineData("[1]", "invalid request body")]
    [InlineData("", "invalid request body")]
    [InlineData("""{"name":"ok","workspace_dir":"/proc/self"}""", "invalid workspace directory")]
    [InlineData("""{"name":"ok","parent_id":"00000000-0000-0000-0000-000000000042"}""", "parent workspace not found")]
    public async Task Bad_input_is_refused_before_anything_is_written(string json, string error)
    {
        var id = await InsertAsync(app, "Unchanged");

        var (response, body) = await PatchAsync(id, json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe(error);
        (await RowAsync(app, id))!.Name.ShouldBe("Unchanged");
    }

    [Fact]
    public async Task A_workspace_cannot_become_its_own_ancestor()
    {
        var root = await InsertAsync(app, "Root");
        var child = await InsertAsync(app, "Child", parentId: root);

        var (self, selfBody) = await PatchAsync(root, $$"""{"parent_id":"{{root}}"}""");
        var (cycle, cycleBody) = await PatchAsync(root, $$"""{"parent_id":"{{child}}"}""");

        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        selfBody.Text("error").ShouldBe("a workspace cannot be moved under itself or its descendants");
        cycle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        cycleBody.Text("error").ShouldBe("a workspace cannot be moved under itself or its descendants");
        (await RowAsync(app, root))!.ParentId.ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_and_malformed_ids()
    {
        var (missing, missingBody) = await PatchAsync(Guid.NewGuid(), """{"name":"x"}""");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingBody.Text("error").ShouldBe("workspace not found");

        var (bad, badBody) = await PatchAsync("12345", """{"name":"x"}""");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badBody.Text("error").ShouldBe("invalid workspace ID");
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var id = await InsertAsync(app, "Big");

        var (response, body) = await PatchAsync(id, "{\"role\":\"" + new string('r', 2 << 20) + "\"}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body.Text("error").ShouldBe("request body too large");
    }
}
