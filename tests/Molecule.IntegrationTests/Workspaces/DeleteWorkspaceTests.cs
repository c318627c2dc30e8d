using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class DeleteWorkspaceTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    private Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonObject? Body)> DeleteAsync(string path) =>
        SendAsync(app.Admin(), HttpMethod.Delete, path);

    [Fact]
    public async Task A_leaf_is_marked_removed_its_token_revoked_and_its_event_recorded()
    {
        var id = await InsertAsync(app, "Leaf");
        var token = await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(id);
        await ExecuteAsync(app, "INSERT INTO canvas_layouts (workspace_id, x, y) VALUES (@id, 1, 2)", new { id });
        await ExecuteAsync(app, "INSERT INTO workspace_schedules (workspace_id, cron_expr, prompt) VALUES (@id, '* * * * *', 'p')", new { id });

        var (response, body) = await DeleteAsync($"/workspaces/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"removed","cascade_deleted":0}""");
        (await RowAsync(app, id))!.Status.ShouldBe("removed");
        (await app.Services.GetRequiredService<IWorkspaceTokens>().ValidateAsync(id, token)).ShouldBeFalse();
        (await CountAsync(app, "SELECT count(*) FROM workspace_auth_tokens WHERE workspace_id = @id AND revoked_at IS NULL", new { id })).ShouldBe(0);
        (await CountAsync(app, "SELECT count(*) FROM canvas_layouts WHERE workspace_id = @id", new { id })).ShouldBe(0);
        (await CountAsync(app, "SELECT count(*) FROM workspace_schedules WHERE workspace_id = @id AND enabled", new { id })).ShouldBe(0);
        var events = await EventsAsync(app, id);
        events.Single().Type.ShouldBe("WORKSPACE_REMOVED");
        events.Single().Payload.ToJsonString().ShouldBe("""{"cascade_deleted":0}""");
    }

    [Fact]
    public async Task Children_need_confirmation_then_the_whole_tree_goes()
    {
        var root = await InsertAsync(app, "Root");
        var child = await InsertAsync(app, "Child", parentId: root);
        var grandchild = await InsertAsync(app, "Grandchild", parentId: child);
        await InsertAsync(app, "Old child", status: "removed", parentId: root);

        var (conflict, conflictBody) = await DeleteAsync($"/workspaces/{root}?confirm=yes");

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflictBody.Text("status").ShouldBe("confirmation_required");
        conflictBody.Text("message").ShouldBe("This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete.");
        conflictBody!["children_count"]!.GetValue<int>().ShouldBe(1);
        conflictBody["children"]!.ToJsonString().ShouldBe($$"""[{"id":"{{child}}","name":"Child"}]""");
        (await RowAsync(app, root))!.Status.ShouldBe("online");

        var (response, body) = await DeleteAsync($"/workspaces/{root}?confirm=true");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"removed","cascade_deleted":2}""");
        foreach (var id in new[] { root, child, grandchild })
        {
            (await RowAsync(app, id))!.Status.ShouldBe("removed");
        }

        (await EventsAsync(app, child)).Single().Payload.ToJsonString().ShouldBe("{}");
        (await EventsAsync(app, grandchild)).Single().Type.ShouldBe("WORKSPACE_REMOVED");
        (await EventsAsync(app, root)).Single().Payload.ToJsonString().ShouldBe("""{"cascade_deleted":2}""");
    }

    [Fact]
    public async Task An_unknown_id_is_answered_like_the_reference_and_a_bad_one_is_400()
    {
        var unknown = Guid.NewGuid();
        var (response, body) = await DeleteAsync($"/workspaces/{unknown}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"removed","cascade_deleted":0}""");

        var (bad, badBody) = await DeleteAsync("/workspaces/nope");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badBody.Text("error").ShouldBe("invalid workspace ID");
    }

    [Fact]
    public async Task Purge_hard_deletes_the_tree_and_every_dependent_row()
    {
        var root = await InsertAsync(app, "Purged root");
        var child = await InsertAsync(app, "Purged child", parentId: root);
        var bystander = await InsertAsync(app, "Bystander");
        await ExecuteAsync(app, "UPDATE workspaces SET forwarded_to = @child WHERE id = @bystander", new { child, bystander });
        await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(child);
        foreach (var id in new[] { root, child })
        {
            await ExecuteAsync(app, """
                INSERT INTO agents (workspace_id, model) VALUES (@id, 'm');
                INSERT INTO workspace_secrets (workspace_id, key, encrypted_value) VALUES (@id, 'K', '\x00');
                INSERT INTO approval_requests (workspace_id, action) VALUES (@id, 'deploy');
                INSERT INTO agent_memories (workspace_id, content, scope) VALUES (@id, 'c', 'LOCAL');
                INSERT INTO activity_logs (workspace_id, activity_type) VALUES (@id, 'a2a_receive');
                INSERT INTO workspace_schedules (workspace_id, cron_expr, prompt) VALUES (@id, '* * * * *', 'p');
                INSERT INTO workspace_channels (workspace_id, channel_type) VALUES (@id, 'slack');
                INSERT INTO workspace_token_usage (workspace_id, period_start) VALUES (@id, now());
                INSERT INTO workspace_memory (workspace_id, key, value) VALUES (@id, 'k', '1');
                INSERT INTO workspace_config (workspace_id, data) VALUES (@id, '{}');
                INSERT INTO workspace_artifacts (workspace_id, cf_repo_name, cf_namespace) VALUES (@id, 'r', 'n');
                INSERT INTO audit_events (id, timestamp, agent_id, session_id, operation, hmac, workspace_id) VALUES (gen_random_uuid()::text, now(), 'a', 's', 'o', 'h', @id);
                INSERT INTO a2a_queue (workspace_id, body) VALUES (@id, '{}');
                INSERT INTO workflow_checkpoints (workspace_id, workflow_id, step_name, step_index) VALUES (@id, 'w', 's', 1);
                INSERT INTO org_plugin_allowlist (org_id, plugin_name, enabled_by) VALUES (@id, 'p', 'me');
                INSERT INTO org_api_tokens (token_hash, prefix, org_id) VALUES (decode(md5(random()::text), 'hex'), 'p', @id);
                """, new { id });
        }

        var (response, body) = await DeleteAsync($"/workspaces/{root}?confirm=true&purge=true");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"purged","cascade_deleted":1}""");
        (await RowAsync(app, root)).ShouldBeNull();
        (await RowAsync(app, child)).ShouldBeNull();
        (await RowAsync(app, bystander))!.Status.ShouldBe("online");
        (await CountAsync(app, "SELECT count(*) FROM workspaces WHERE forwarded_to IS NOT NULL AND id = @bystander", new { bystander })).ShouldBe(0);
        (await CountAsync(app, "SELECT count(*) FROM org_api_tokens WHERE org_id IS NOT NULL")).ShouldBe(0);
        foreach (var table in new[] { "agents", "workspace_secrets", "approval_requests", "agent_memories", "activity_logs", "workspace_schedules",
                     "workspace_channels", "workspace_token_usage", "workspace_memory", "workspace_config", "workspace_artifacts", "audit_events",
                     "a2a_queue", "workflow_checkpoints", "workspace_auth_tokens" })
        {
            (await CountAsync(app, $"SELECT count(*) FROM {table} WHERE workspace_id = ANY(@ids)", new { ids = new[] { root, child } })).ShouldBe(0, table);
        }

        // The log keeps what happened.
        (await EventsAsync(app, root)).Single().Type.ShouldBe("WORKSPACE_REMOVED");
    }

    [Fact]
    public async Task A_failed_stop_is_reported_with_500_while_the_rows_stay_removed()
    {
        await using var failing = await WorkspacesApp.StartAsync(compute: new WorkspacesFakeCompute { StopFailure = "daemon unreachable" });
        var root = await InsertAsync(failing, "Root");
        var child = await InsertAsync(failing, "Child", parentId: root);

        var (response, body) = await SendAsync(failing.Admin(), HttpMethod.Delete, $"/workspaces/{root}?confirm=true&purge=true");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        body.Text("error").ShouldBe("workspace marked removed, but 2 stop call(s) failed — please retry: daemon unreachable; daemon unreachable");
        body!["removed_count"]!.GetValue<int>().ShouldBe(2);
        body["stop_failures"]!.GetValue<int>().ShouldBe(2);
        (await RowAsync(failing, root))!.Status.ShouldBe("removed");
        (await RowAsync(failing, child))!.Status.ShouldBe("removed");
        failing.Compute!.CallsTo("delete").ShouldBe([child, root]);
    }

    [Fact]
    public async Task External_workspaces_have_no_compute_to_stop()
    {
        await using var withCompute = await WorkspacesApp.StartAsync(compute: new WorkspacesFakeCompute());
        var id = await InsertAsync(withCompute, "Remote", runtime: "external");

        (await SendAsync(withCompute.Admin(), HttpMethod.Delete, $"/workspaces/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        withCompute.Compute!.Calls.ShouldBeEmpty();
    }
}
