using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class LifecycleTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    [Fact]
    public async Task Pause_stops_the_subtree_and_resume_provisions_it_again()
    {
        var root = await InsertAsync(app, "Root");
        var child = await InsertAsync(app, "Child", status: "degraded", parentId: root);
        var removed = await InsertAsync(app, "Removed child", status: "removed", parentId: root);

        var (paused, pausedBody) = await PostAsync(app.Admin(), $"/workspaces/{root}/pause");

        paused.StatusCode.ShouldBe(HttpStatusCode.OK);
        pausedBody!.ToJsonString().ShouldBe("""{"status":"paused","paused_count":2}""");
        (await RowAsync(app, root))!.Status.ShouldBe("paused");
        (await RowAsync(app, root))!.Url.ShouldBe("");
        (await RowAsync(app, child))!.Status.ShouldBe("paused");
        (await RowAsync(app, removed))!.Status.ShouldBe("removed");
        (await EventsAsync(app, child)).Single().Payload.ToJsonString().ShouldBe("""{"name":"Child"}""");
        (await EventsAsync(app, root)).Single().Type.ShouldBe("WORKSPACE_PAUSED");

        var (again, againBody) = await PostAsync(app.Admin(), $"/workspaces/{root}/pause");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        againBody.Text("error").ShouldBe("workspace not found or already paused");

        var (childResume, childResumeBody) = await PostAsync(app.Admin(), $"/workspaces/{child}/resume");
        childResume.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        childResumeBody.Text("error").ShouldBe("parent workspace \"Root\" is paused — resume it first");

        var (resumed, resumedBody) = await PostAsync(app.Admin(), $"/workspaces/{root}/resume");

        resumed.StatusCode.ShouldBe(HttpStatusCode.OK);
        resumedBody!.ToJsonString().ShouldBe("""{"status":"provisioning","resumed_count":2}""");

        // No Docker engine runs here: the re-provision fails and says so.
        await SettleAsync(app, root);
        await SettleAsync(app, child);
        var events = await EventsAsync(app, root);
        events.Select(e => e.Type).ShouldBe(["WORKSPACE_PAUSED", "WORKSPACE_PROVISIONING", "WORKSPACE_PROVISION_FAILED"]);
        events[1].Payload.ToJsonString().ShouldBe("""{"name":"Root","tier":3,"runtime":"langgraph"}""");
        (await RowAsync(app, root))!.Status.ShouldBe("failed");
        (await RowAsync(app, child))!.LastSampleError!.ShouldStartWith($"Docker engine at {app.DockerHost} is unavailable");

        var (notPaused, notPausedBody) = await PostAsync(app.Admin(), $"/workspaces/{root}/resume");
        notPaused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notPausedBody.Text("error").ShouldBe("workspace not found or not paused");
    }

    [Fact]
    public async Task Restart_marks_provisioning_announces_it_and_re_provisions()
    {
        var id = await InsertAsync(app, "Restartable", status: "failed");

        var (response, body) = await PostAsync(app.Admin(), $"/workspaces/{id}/restart?reset=true", "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"provisioning","config_dir":"existing-volume","reset_session":true}""");
        var events = await EventsAsync(app, id);
        events[0].Type.ShouldBe("WORKSPACE_PROVISIONING");
        events[0].Payload.ToJsonString().ShouldBe("""{"name":"Restartable","tier":3,"runtime":"langgraph"}""");
        await SettleAsync(app, id);
        (await RowAsync(app, id))!.Status.ShouldBe("failed");
        (await EventsAsync(app, id)).Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING", "WORKSPACE_PROVISION_FAILED"]);
    }

    [Fact]
    public async Task Restart_refuses_removed_unknown_and_paused_ancestor_workspaces()
    {
        var removed = await InsertAsync(app, "Removed", status: "removed");
        var pausedParent = await InsertAsync(app, "Sleeping parent", status: "paused");
        var child = await InsertAsync(app, "Child", parentId: pausedParent);

        (await PostAsync(app.Admin(), $"/workspaces/{removed}/restart")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (unknown, unknownBody) = await PostAsync(app.Admin(), $"/workspaces/{Guid.NewGuid()}/restart");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownBody.Text("error").ShouldBe("workspace not found");
        var (conflict, conflictBody) = await PostAsync(app.Admin(), $"/workspaces/{child}/restart");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflictBody.Text("error").ShouldBe("parent workspace \"Sleeping parent\" is paused — resume it first");
        (await RowAsync(app, child))!.Status.ShouldBe("online");
        (await PostAsync(app.Admin(), "/workspaces/xyz/restart")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Hibernate_takes_an_idle_workspace_through_hibernating_to_hibernated()
    {
        var id = await InsertAsync(app, "Sleepy", status: "degraded");

        var (response, body) = await PostAsync(app.Admin(), $"/workspaces/{id}/hibernate");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"status":"hibernated"}""");
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("hibernated");
        row.Url.ShouldBe("");
        (await EventsAsync(app, id)).Single().Payload.ToJsonString().ShouldBe("""{"name":"Sleepy","tier":3}""");

        var (again, againBody) = await PostAsync(app.Admin(), $"/workspaces/{id}/hibernate");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        againBody.Text("error").ShouldBe("workspace not found or not in a hibernatable state (must be online or degraded)");
    }

    [Fact]
    public async Task A_busy_workspace_needs_force_and_force_really_hibernates_it()
    {
        var id = await InsertAsync(app, "Busy", activeTasks: 2);

        var (conflict, conflictBody) = await PostAsync(app.Admin(), $"/workspaces/{id}/hibernate?force=1");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflictBody.Text("error").ShouldBe("workspace has active tasks; use ?force=true to terminate them");
        conflictBody!["active_tasks"]!.GetValue<int>().ShouldBe(2);
        (await RowAsync(app, id))!.Status.ShouldBe("online");

        var (forced, _) = await PostAsync(app.Admin(), $"/workspaces/{id}/hibernate?force=true");
        forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("hibernated");
        row.ActiveTasks.ShouldBe(0);
    }

    [Fact]
    public async Task A_hibernation_whose_stop_fails_is_released_and_reported()
    {
        await using var failing = await WorkspacesApp.StartAsync(compute: new WorkspacesFakeCompute { StopFailure = "instance i-1 unreachable" });
        var id = await InsertAsync(failing, "Stuck");

        var (response, body) = await SendAsync(failing.Admin(), HttpMethod.Post, $"/workspaces/{id}/hibernate");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        body.Text("error").ShouldBe("hibernate failed: instance i-1 unreachable");
        (await RowAsync(failing, id))!.Status.ShouldBe("online");
        (await EventsAsync(failing, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task State_reports_status_paused_and_deleted()
    {
        var online = await InsertAsync(app, "Online");
        var paused = await InsertAsync(app, "Paused", status: "paused");
        var removed = await InsertAsync(app, "Removed", status: "removed");
        var unknown = Guid.NewGuid();

        (await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{online}/state")).Body!.ToJsonString()
            .ShouldBe($$"""{"workspace_id":"{{online}}","status":"online","paused":false,"deleted":false}""");
        (await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{paused}/state")).Body!["paused"]!.GetValue<bool>().ShouldBeTrue();

        var (removedResponse, removedBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{removed}/state");
        removedResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        removedBody.Text("status").ShouldBe("removed");
        removedBody!["deleted"]!.GetValue<bool>().ShouldBeTrue();
        removedBody.Text("workspace_id").ShouldBe(removed.ToString());

        var (unknownResponse, unknownBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{unknown}/state");
        unknownResponse.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownBody!["deleted"]!.GetValue<bool>().ShouldBeTrue();

        (await SendAsync(app.Admin(), HttpMethod.Get, "/workspaces/not-a-uuid/state")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task State_behind_the_second_gate_needs_the_workspace_own_bearer_once_it_has_one()
    {
        var id = await InsertAsync(app, "Gated");
        (await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}/state")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(id);

        var (admin, adminBody) = await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}/state");
        admin.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        adminBody.Text("error").ShouldBe("invalid workspace auth token");

        (await SendAsync(app.Client(token), HttpMethod.Get, $"/workspaces/{id}/state")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bootstrap_failure_fails_a_provisioning_workspace_once()
    {
        var id = await InsertAsync(app, "Booting", status: "provisioning");

        var (response, body) = await PostAsync(app.Admin(), $"/admin/workspaces/{id}/bootstrap-failed",
            "{\"error\":\"cloud-init failed\",\"log_tail\":\"" + new string('x', 9000) + "\"}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.ToJsonString().ShouldBe("""{"ok":true}""");
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("failed");
        row.LastSampleError!.ShouldStartWith("cloud-init failed\n\n...(truncated)...\n");
        System.Text.Encoding.UTF8.GetByteCount(row.LastSampleError).ShouldBeLessThanOrEqualTo(8192);
        var payload = (await EventsAsync(app, id)).Single().Payload;
        payload.Text("source").ShouldBe("bootstrap_watcher");
        payload.Text("error").ShouldBe("cloud-init failed");
        payload.Text("log_tail").Length.ShouldBe(8192 + "...(truncated)...\n".Length);

        var (again, againBody) = await PostAsync(app.Admin(), $"/admin/workspaces/{id}/bootstrap-failed", """{"error":"again"}""");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        againBody!.ToJsonString().ShouldBe("""{"ok":true,"no_change":true}""");

        var other = await InsertAsync(app, "Booting too", status: "provisioning");
        await PostAsync(app.Admin(), $"/admin/workspaces/{other}/bootstrap-failed", "{}");
        (await RowAsync(app, other))!.LastSampleError.ShouldBe("bootstrap failed — see log_tail\n\n");

        var (bad, badBody) = await PostAsync(app.Admin(), $"/admin/workspaces/{other}/bootstrap-failed", """{"error":5}""");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badBody.Text("error").ShouldBe("invalid request body");
        (await PostAsync(app.Admin(), "/admin/workspaces/x/bootstrap-failed", "{}")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Config_defaults_to_empty_and_merges_top_level_keys()
    {
        var id = await InsertAsync(app, "Configured");

        (await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}/config")).Body!.ToJsonString().ShouldBe("""{"data":{}}""");

        await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", """{"a":1,"nested":{"x":1,"y":2}}""");
        var (response, body) = await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", """{"b":"two","nested":{"z":3}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!["data"]!.ToJsonString().ShouldBe("""{"a":1,"b":"two","nested":{"z":3}}""");
        (await SendAsync(app.Admin(), HttpMethod.Get, $"/workspaces/{id}/config")).Body!.ToJsonString()
            .ShouldBe("""{"data":{"a":1,"b":"two","nested":{"z":3}}}""");
    }

    [Fact]
    public async Task Config_refuses_bad_and_oversized_bodies()
    {
        var id = await InsertAsync(app, "Config limits");

        var (big, bigBody) = await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", "{\"blob\":\"" + new string('a', 256 * 1024) + "\"}");
        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        bigBody.Text("error").ShouldBe("config exceeds 256 KiB");

        // Each patch fits; together they would not.
        var half = new string('a', 140 * 1024);
        (await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", $$"""{"one":"{{half}}"}""")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", $$"""{"two":"{{half}}"}""")).Response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        foreach (var bad in new[] { "[1]", "nope", "", """{"nul":"\u0000"}""", """{"lone":"\ud800"}""" })
        {
            var (response, body) = await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}/config", bad);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            body.Text("error").ShouldBe("invalid request body");
        }

        var (missing, missingBody) = await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{Guid.NewGuid()}/config", "{}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingBody.Text("error").ShouldBe("workspace not found");
        (await SendAsync(app.Admin(), HttpMethod.Get, "/workspaces/bad/config")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("PATCH", "/workspaces/not-a-uuid")]
    [InlineData("DELETE", "/workspaces/not-a-uuid")]
    [InlineData("GET", "/workspaces/not-a-uuid/state")]
    [InlineData("POST", "/workspaces/not-a-uuid/restart")]
    [InlineData("POST", "/workspaces/not-a-uuid/pause")]
    [InlineData("POST", "/workspaces/not-a-uuid/resume")]
    [InlineData("POST", "/workspaces/not-a-uuid/hibernate")]
    [InlineData("GET", "/workspaces/not-a-uuid/config")]
    [InlineData("PATCH", "/workspaces/not-a-uuid/config")]
    [InlineData("POST", "/admin/workspaces/not-a-uuid/bootstrap-failed")]
    public async Task A_non_uuid_id_is_400_on_every_route(string method, string path)
    {
        var (response, body) = await SendAsync(app.Admin(), new HttpMethod(method), path, "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid workspace ID");
    }

    [Theory]
    [InlineData("POST", "/workspaces/{id}/pause", "workspace not found or already paused")]
    [InlineData("POST", "/workspaces/{id}/resume", "workspace not found or not paused")]
    [InlineData("POST", "/workspaces/{id}/hibernate", "workspace not found or not in a hibernatable state (must be online or degraded)")]
    [InlineData("POST", "/workspaces/{id}/restart", "workspace not found")]
    [InlineData("PATCH", "/workspaces/{id}", "workspace not found")]
    public async Task An_unknown_workspace_is_404_with_the_route_own_text(string method, string route, string error)
    {
        var (response, body) = await SendAsync(app.Admin(), new HttpMethod(method), route.Replace("{id}", Guid.NewGuid().ToString()), "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        body.Text("error").ShouldBe(error);
    }

    [Fact]
    public async Task An_oversized_bootstrap_report_is_413()
    {
        var id = await InsertAsync(app, "Noisy boot", status: "provisioning");

        var (response, body) = await PostAsync(app.Admin(), $"/admin/workspaces/{id}/bootstrap-failed",
            "{\"log_tail\":\"" + new string('x', 2 << 20) + "\"}");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        body.Text("error").ShouldBe("request body too large");
        (await RowAsync(app, id))!.Status.ShouldBe("provisioning");
    }
}
