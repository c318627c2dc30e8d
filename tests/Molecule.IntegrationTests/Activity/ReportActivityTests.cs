using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

public sealed class ReportActivityTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task A_reported_activity_is_stored_as_the_agents_own_and_announced()
    {
        var ws = await app.SeedWorkspaceAsync("reporter");
        var peer = await app.SeedWorkspaceAsync("peer");
        var token = await app.IssueWorkspaceTokenAsync(ws);

        var response = await app.Client(token).PostJsonAsync($"/workspaces/{ws}/activity", new
        {
            activity_type = "a2a_send",
            target_id = peer,
            method = "message/send",
            summary = "asked the peer",
            duration_ms = 12,
            metadata = new { note = "x" },
            response_body = new { ok = true },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.BodyAsync())["status"]!.GetValue<string>().ShouldBe("logged");
        var row = (await app.RowsAsync($"SELECT * FROM activity_logs WHERE workspace_id = '{ws}'")).ShouldHaveSingleItem();
        row["source_id"]!.GetValue<string>().ShouldBe(ws.ToString());
        row["target_id"]!.GetValue<string>().ShouldBe(peer.ToString());
        row["request_body"]!.ToJsonString().ShouldBe("""{"note":"x"}""");
        row["response_body"]!.ToJsonString().ShouldBe("""{"ok":true}""");
        row["status"]!.GetValue<string>().ShouldBe("ok");
        row["error_detail"].ShouldBeNull();

        var logged = app.Events.Of("ACTIVITY_LOGGED", ws).ShouldHaveSingleItem();
        logged.ToJsonString().ShouldBe(
            $$"""{"activity_type":"a2a_send","method":"message/send","summary":"asked the peer","status":"ok","source_id":"{{ws}}","target_id":"{{peer}}","duration_ms":12}""");

        // Self-reported rows count as agent rows for the canvas filters.
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/activity?source=agent")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Unset_fields_are_null_in_the_event_and_the_row()
    {
        var ws = await app.SeedWorkspaceAsync("minimal");

        (await app.Admin().PostJsonAsync($"/workspaces/{ws}/activity", new { activity_type = "agent_log", method = "" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var logged = app.Events.Of("ACTIVITY_LOGGED", ws).ShouldHaveSingleItem();
        logged["method"].ShouldBeNull();
        logged["target_id"].ShouldBeNull();
        logged["duration_ms"].ShouldBeNull();
        var row = (await app.RowsAsync($"SELECT method, summary, request_body FROM activity_logs WHERE workspace_id = '{ws}'")).ShouldHaveSingleItem();
        row["method"].ShouldBeNull();
        row["request_body"].ShouldBeNull();
    }

    [Fact]
    public async Task Bad_bodies_get_their_reference_texts_and_store_nothing()
    {
        var ws = await app.SeedWorkspaceAsync("strict");
        var client = app.Admin();

        var notJson = await client.PostRawAsync($"/workspaces/{ws}/activity", "{nope");
        var missing = await client.PostJsonAsync($"/workspaces/{ws}/activity", new { summary = "x" });
        var wrongType = await client.PostJsonAsync($"/workspaces/{ws}/activity", new { activity_type = "delegation" });
        var stranger = await client.PostJsonAsync($"/workspaces/{ws}/activity", new { activity_type = "agent_log", source_id = Guid.NewGuid() });
        var badTarget = await client.PostJsonAsync($"/workspaces/{ws}/activity", new { activity_type = "agent_log", target_id = "peer-1" });
        var badId = await client.PostJsonAsync("/workspaces/xyz/activity", new { activity_type = "agent_log" });

        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notJson.ErrorAsync()).ShouldBe("invalid request body");
        (await missing.ErrorAsync()).ShouldBe("invalid request body");
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrongType.ErrorAsync()).ShouldStartWith("invalid activity_type, must be one of: a2a_send,");
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.ErrorAsync()).ShouldBe("source_id must match authenticated workspace");
        badTarget.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badTarget.ErrorAsync()).ShouldBe("target_id must be a valid UUID");
        badId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{ws}'")).ShouldBe(0);
        app.Events.Of("ACTIVITY_LOGGED", ws).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_workspace_is_a_404_and_nothing_is_announced()
    {
        var ghost = Guid.NewGuid();

        var response = await app.Admin().PostJsonAsync($"/workspaces/{ghost}/activity", new { activity_type = "agent_log" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ErrorAsync()).ShouldBe("workspace not found");
        app.Events.Of("ACTIVITY_LOGGED", ghost).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_stored_and_announced_once()
    {
        var ws = await app.SeedWorkspaceAsync("idempotent");
        var body = new { activity_type = "task_update", summary = "step 1", idempotency_key = "step-1" };

        (await app.Admin().PostJsonAsync($"/workspaces/{ws}/activity", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await app.Admin().PostJsonAsync($"/workspaces/{ws}/activity", body);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.BodyAsync())["status"]!.GetValue<string>().ShouldBe("logged");
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{ws}'")).ShouldBe(1);
        app.Events.Of("ACTIVITY_LOGGED", ws).Count.ShouldBe(1);
    }
}
