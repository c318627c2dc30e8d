using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.IntegrationTests.Activity;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Delegation;

/// <summary>POST /delegate against real loopback agents (allowed because MOLECULE_ENV is development).</summary>
public sealed class DelegateTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    private static readonly JsonObject Answer = new()
    {
        ["kind"] = "message",
        ["role"] = "agent",
        ["parts"] = new JsonArray(new JsonObject { ["kind"] = "text", ["text"] = "Here is the summary you asked for." }),
    };

    [Fact]
    public async Task A_delegation_is_accepted_sent_to_the_target_and_its_answer_recorded()
    {
        await using var agent = await FakeAgent.ReplyingAsync(Answer);
        var team = await app.SeedWorkspaceAsync("team");
        var source = await app.SeedWorkspaceAsync("lead", parent: team);
        var target = await app.SeedWorkspaceAsync("writer", parent: team, url: agent.Url);
        var token = await app.IssueWorkspaceTokenAsync(source);
        var task = "Summarise the quarterly report. " + new string('.', 120);

        var response = await app.Client(token).PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = target, task });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = (await response.BodyAsync()).AsObject();
        var delegationId = body["delegation_id"]!.GetValue<string>();
        body["status"]!.GetValue<string>().ShouldBe("delegated");
        body["target_id"]!.GetValue<string>().ShouldBe(target.ToString());
        body.ContainsKey("warning").ShouldBeFalse();

        var complete = await app.EventAsync("DELEGATION_COMPLETE", source);
        complete.ToJsonString().ShouldBe(
            $$"""{"delegation_id":"{{delegationId}}","target_id":"{{target}}","response_preview":"Here is the summary you asked for."}""");
        app.EventTypesOf(source).ShouldBe(["DELEGATION_SENT", "DELEGATION_STATUS", "DELEGATION_COMPLETE"]);
        var sent = app.Events.Of("DELEGATION_SENT", source)[0];
        sent["delegation_id"]!.GetValue<string>().ShouldBe(delegationId);
        sent["task_preview"]!.GetValue<string>().ShouldBe(task[..100] + "...");
        app.Events.Of("DELEGATION_STATUS", source)[0]["status"]!.GetValue<string>().ShouldBe("dispatched");
        (await app.ScalarAsync<long>($"SELECT count(*) FROM structure_events WHERE workspace_id = '{source}' AND event_type LIKE 'DELEGATION_%'")).ShouldBe(3);

        var received = agent.Received.ShouldHaveSingleItem();
        received["method"]!.GetValue<string>().ShouldBe("message/send");
        received["params"]!["message"]!["messageId"]!.GetValue<string>().ShouldBe(delegationId);
        received["params"]!["message"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe(task);

        var row = await app.DelegateRowAsync(source, delegationId);
        row["activity_type"]!.GetValue<string>().ShouldBe("delegation");
        row["status"]!.GetValue<string>().ShouldBe("completed");
        row["source_id"]!.GetValue<string>().ShouldBe(source.ToString());
        row["target_id"]!.GetValue<string>().ShouldBe(target.ToString());
        row["summary"]!.GetValue<string>().ShouldBe("Delegating to writer");
        row["request_body"]!["task"]!.GetValue<string>().ShouldBe(task);
        var result = (await app.RowsAsync($"SELECT * FROM activity_logs WHERE workspace_id = '{source}' AND method = 'delegate_result'")).ShouldHaveSingleItem();
        result["response_body"]!["text"]!.GetValue<string>().ShouldBe("Here is the summary you asked for.");
        result["response_body"]!["delegation_id"]!.GetValue<string>().ShouldBe(delegationId);

        // The target's log shows the message as received from the delegating workspace, like any proxied call.
        await Eventually.UntilAsync(async () =>
            await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{target}' AND activity_type = 'a2a_receive' AND source_id = '{source}'") == 1,
            "the target's a2a_receive row");

        var listed = await app.Client(token).ArrayAsync($"/workspaces/{source}/delegations");
        listed.Count.ShouldBe(2);
        listed.Select(r => r!["delegation_id"]!.GetValue<string>()).ShouldAllBe(id => id == delegationId);
        listed.Single(r => r!["status"]!.GetValue<string>() == "completed" && r["response_preview"] is not null)!["response_preview"]!
            .GetValue<string>().ShouldBe("Here is the summary you asked for.");
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_delegation_and_a_failed_one_is_tried_again()
    {
        await using var agent = await FakeAgent.ReplyingAsync(Answer);
        var source = await app.SeedWorkspaceAsync("repeat-source");
        var target = await app.SeedWorkspaceAsync("repeat-target", url: agent.Url);
        var request = new { target_id = target, task = "once only", idempotency_key = "k-1" };

        var first = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", request);
        var firstId = (await first.BodyAsync())["delegation_id"]!.GetValue<string>();
        await app.EventAsync("DELEGATION_COMPLETE", source);
        var again = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", request);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.BodyAsync()).ToJsonString().ShouldBe(
            $$"""{"delegation_id":"{{firstId}}","status":"completed","target_id":"{{target}}","idempotent_hit":true}""");
        agent.Received.Count.ShouldBe(1);

        await app.ExecuteSqlAsync($"UPDATE activity_logs SET status = 'failed' WHERE workspace_id = '{source}' AND method = 'delegate'");
        var retried = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", request);

        retried.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var retriedId = (await retried.BodyAsync())["delegation_id"]!.GetValue<string>();
        retriedId.ShouldNotBe(firstId);
        await Eventually.UntilAsync(() => Task.FromResult(agent.Received.Count == 2), "the second delivery");
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{source}' AND method = 'delegate'")).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_requests_get_the_reference_texts_and_start_nothing()
    {
        var source = await app.SeedWorkspaceAsync("picky-source");
        var client = app.Admin();

        var self = await client.PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = source, task = "me" });
        var noTask = await client.PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = Guid.NewGuid() });
        var notJson = await client.PostRawAsync($"/workspaces/{source}/delegate", "target_id=x");
        var badTarget = await client.PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = "writer", task = "x" });
        var badId = await client.PostJsonAsync("/workspaces/lead/delegate", new { target_id = Guid.NewGuid(), task = "x" });
        var noSource = await client.PostJsonAsync($"/workspaces/{Guid.NewGuid()}/delegate", new { target_id = source, task = "x" });

        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.ErrorAsync()).ShouldBe("self-delegation not permitted");
        (await noTask.ErrorAsync()).ShouldBe("invalid delegation request");
        (await notJson.ErrorAsync()).ShouldBe("invalid delegation request");
        (await badTarget.ErrorAsync()).ShouldBe("target_id must be a valid UUID");
        (await badId.ErrorAsync()).ShouldBe("invalid workspace ID");
        noSource.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await noSource.ErrorAsync()).ShouldBe("workspace not found");
        app.EventTypesOf(source).ShouldBeEmpty();
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{source}'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_once_and_then_succeeds()
    {
        var calls = 0;
        await using var agent = await FakeAgent.StartAsync(async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("""{"error":"warming up"}""");
                return;
            }

            await context.Response.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request["id"]?.DeepClone(), ["result"] = Answer.DeepClone() }.ToJsonString());
        });
        var source = await app.SeedWorkspaceAsync("patient");
        var target = await app.SeedWorkspaceAsync("flaky", url: agent.Url);

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = target, task = "try twice" });
        var delegationId = (await response.BodyAsync())["delegation_id"]!.GetValue<string>();

        (await app.EventAsync("DELEGATION_COMPLETE", source))["delegation_id"]!.GetValue<string>().ShouldBe(delegationId);
        agent.Received.Count.ShouldBe(2);
        agent.Received.Select(r => r["params"]!["message"]!["messageId"]!.GetValue<string>()).ShouldAllBe(id => id == delegationId);
        app.Events.Of("DELEGATION_FAILED", source).ShouldBeEmpty();
        (await app.DelegateRowAsync(source, delegationId))["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task An_unreachable_target_fails_after_the_retry()
    {
        var source = await app.SeedWorkspaceAsync("hopeful");
        var target = await app.SeedWorkspaceAsync("nobody-home", url: "http://127.0.0.1:1");

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = target, task = "anyone?" });
        var delegationId = (await response.BodyAsync())["delegation_id"]!.GetValue<string>();

        var failed = await app.EventAsync("DELEGATION_FAILED", source);
        failed["delegation_id"]!.GetValue<string>().ShouldBe(delegationId);
        failed["target_id"]!.GetValue<string>().ShouldBe(target.ToString());
        failed["error"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var row = await app.DelegateRowAsync(source, delegationId);
        row["status"]!.GetValue<string>().ShouldBe("failed");
        row["error_detail"]!.GetValue<string>().ShouldBe(failed["error"]!.GetValue<string>());
        var listed = (await app.Admin().ArrayAsync($"/workspaces/{source}/delegations")).ShouldHaveSingleItem()!;
        listed["error"]!.GetValue<string>().ShouldBe(failed["error"]!.GetValue<string>());
        // Two attempts reached the proxy path, each logged on the target as a failed receive.
        await Eventually.UntilAsync(async () =>
            await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{target}' AND status = 'error'") == 2,
            "two failed receives on the target");
    }

    [Fact]
    public async Task The_hierarchy_rule_applies_and_is_not_retried()
    {
        await using var agent = await FakeAgent.ReplyingAsync(Answer);
        var teamA = await app.SeedWorkspaceAsync("team-a");
        var inA = await app.SeedWorkspaceAsync("in-a", parent: teamA);
        var teamB = await app.SeedWorkspaceAsync("team-b");
        var inB = await app.SeedWorkspaceAsync("in-b", parent: teamB, url: agent.Url);

        var response = await app.Admin().PostJsonAsync($"/workspaces/{inA}/delegate", new { target_id = inB, task = "cross the line" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await app.EventAsync("DELEGATION_FAILED", inA))["error"]!.GetValue<string>()
            .ShouldBe("access denied: workspaces cannot communicate per hierarchy rules");
        agent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_busy_target_gets_the_delegation_queued_under_its_id_and_completed_by_the_drain()
    {
        var busy = true;
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            if (busy)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"jsonrpc":"2.0","result":{"parts":[{"kind":"text","text":"done later"}]}}""");
        });
        var source = await app.SeedWorkspaceAsync("queuer");
        var target = await app.SeedWorkspaceAsync("swamped", url: agent.Url);

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = target, task = "when you can" });
        var delegationId = (await response.BodyAsync())["delegation_id"]!.GetValue<string>();

        await Eventually.UntilAsync(
            () => Task.FromResult(app.Events.Of("DELEGATION_STATUS", source).Any(e => e["status"]!.GetValue<string>() == "queued")), "DELEGATION_STATUS queued");
        (await app.DelegateRowAsync(source, delegationId))["status"]!.GetValue<string>().ShouldBe("queued");
        var queued = (await app.RowsAsync($"SELECT caller_id, idempotency_key, status FROM a2a_queue WHERE workspace_id = '{target}'")).ShouldHaveSingleItem();
        queued["caller_id"]!.GetValue<string>().ShouldBe(source.ToString());
        queued["idempotency_key"]!.GetValue<string>().ShouldBe(delegationId);
        queued["status"]!.GetValue<string>().ShouldBe("queued");
        app.Events.Of("DELEGATION_FAILED", source).ShouldBeEmpty();

        // The target's next heartbeat with a free slot drains the queue and settles the delegation.
        busy = false;
        (await app.Admin().PostJsonAsync("/registry/heartbeat", new { workspace_id = target, active_tasks = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var complete = await app.EventAsync("DELEGATION_COMPLETE", source);
        complete["via"]!.GetValue<string>().ShouldBe("queue_drain");
        complete["delegation_id"]!.GetValue<string>().ShouldBe(delegationId);
    }

    [Fact]
    public async Task A_delegation_that_cannot_be_recorded_is_still_sent_with_a_warning()
    {
        await using var agent = await FakeAgent.ReplyingAsync(Answer);
        var source = await app.SeedWorkspaceAsync("untracked");
        var target = await app.SeedWorkspaceAsync("still-works", url: agent.Url);
        await app.ExecuteSqlAsync(
            $"""
            CREATE OR REPLACE FUNCTION refuse_delegate_rows() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'tracking unavailable'; END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_delegate_{source:N} BEFORE INSERT ON activity_logs FOR EACH ROW
                WHEN (NEW.method = 'delegate' AND NEW.workspace_id = '{source}') EXECUTE FUNCTION refuse_delegate_rows();
            """);

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegate", new { target_id = target, task = "untracked work" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.BodyAsync())["warning"]!.GetValue<string>().ShouldContain("could not be recorded");
        await app.EventAsync("DELEGATION_COMPLETE", source);
        agent.Received.Count.ShouldBe(1);
    }
}
