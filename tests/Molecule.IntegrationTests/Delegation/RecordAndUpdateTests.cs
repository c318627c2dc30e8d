using System.Net;
using Molecule.IntegrationTests.Activity;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Delegation;

/// <summary>Agents that delegate on their own record the delegation and report how it ended.</summary>
public sealed class RecordAndUpdateTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task A_recorded_delegation_is_listed_and_announced_once()
    {
        var source = await app.SeedWorkspaceAsync("self-delegator");
        var target = await app.SeedWorkspaceAsync("peer");
        var body = new { target_id = target, task = "check the logs", delegation_id = "task-123" };

        var first = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/record", body);
        var again = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/record", body);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await first.BodyAsync()).ToJsonString().ShouldBe("""{"status":"recorded","delegation_id":"task-123"}""");
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var row = await app.DelegateRowAsync(source, "task-123");
        row["status"]!.GetValue<string>().ShouldBe("dispatched");
        row["summary"]!.GetValue<string>().ShouldBe("Delegating to peer");
        app.Events.Of("DELEGATION_SENT", source).ShouldHaveSingleItem().ToJsonString().ShouldBe(
            $$"""{"delegation_id":"task-123","target_id":"{{target}}","task_preview":"check the logs"}""");
    }

    [Fact]
    public async Task Completing_records_the_answer_and_announces_it_without_a_target()
    {
        var source = await app.SeedWorkspaceAsync("completer");
        await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/record", new { target_id = Guid.NewGuid(), task = "t", delegation_id = "d-ok" });
        var preview = new string('r', 350);

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/d-ok/update", new { status = "completed", response_preview = preview });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.BodyAsync()).ToJsonString().ShouldBe("""{"status":"completed","delegation_id":"d-ok"}""");
        (await app.DelegateRowAsync(source, "d-ok"))["status"]!.GetValue<string>().ShouldBe("completed");
        var complete = app.Events.Of("DELEGATION_COMPLETE", source).ShouldHaveSingleItem();
        complete.ContainsKey("target_id").ShouldBeFalse();
        complete["response_preview"]!.GetValue<string>().ShouldBe(new string('r', 200) + "...");

        var listed = await app.Admin().ArrayAsync($"/workspaces/{source}/delegations");
        listed.Count.ShouldBe(2);
        var result = listed.Single(r => r!["response_preview"] is not null)!;
        result["response_preview"]!.GetValue<string>().ShouldBe(new string('r', 300) + "...");
        result["type"]!.GetValue<string>().ShouldBe("delegation");
        result["delegation_id"]!.GetValue<string>().ShouldBe("d-ok");
    }

    [Fact]
    public async Task Failing_keeps_the_error_and_announces_it_without_a_target()
    {
        var source = await app.SeedWorkspaceAsync("failer");
        await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/record", new { target_id = Guid.NewGuid(), task = "t", delegation_id = "d-bad" });

        var response = await app.Admin().PostJsonAsync($"/workspaces/{source}/delegations/d-bad/update", new { status = "failed", error = "peer timed out" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Events.Of("DELEGATION_FAILED", source).ShouldHaveSingleItem().ToJsonString().ShouldBe("""{"delegation_id":"d-bad","error":"peer timed out"}""");
        var listed = (await app.Admin().ArrayAsync($"/workspaces/{source}/delegations")).ShouldHaveSingleItem()!;
        listed["status"]!.GetValue<string>().ShouldBe("failed");
        listed["error"]!.GetValue<string>().ShouldBe("peer timed out");
        listed.AsObject().ContainsKey("response_preview").ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_records_and_updates_are_refused()
    {
        var source = await app.SeedWorkspaceAsync("strict-recorder");
        var client = app.Admin();

        var noId = await client.PostJsonAsync($"/workspaces/{source}/delegations/record", new { target_id = Guid.NewGuid(), task = "t" });
        var badTarget = await client.PostJsonAsync($"/workspaces/{source}/delegations/record", new { target_id = "peer", task = "t", delegation_id = "d" });
        var noSource = await client.PostJsonAsync($"/workspaces/{Guid.NewGuid()}/delegations/record", new { target_id = Guid.NewGuid(), task = "t", delegation_id = "d" });
        var badStatus = await client.PostJsonAsync($"/workspaces/{source}/delegations/d/update", new { status = "done" });
        var notJson = await client.PostRawAsync($"/workspaces/{source}/delegations/d/update", "status=completed");
        var unknown = await client.PostJsonAsync($"/workspaces/{source}/delegations/never-recorded/update", new { status = "completed" });

        noId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noId.ErrorAsync()).ShouldBe("invalid delegation record");
        (await badTarget.ErrorAsync()).ShouldBe("target_id must be a valid UUID");
        noSource.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        badStatus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badStatus.ErrorAsync()).ShouldBe("status must be 'completed' or 'failed'");
        (await notJson.ErrorAsync()).ShouldBe("invalid request body");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.ErrorAsync()).ShouldBe("delegation not found");
        app.EventTypesOf(source).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_list_is_empty_for_none_and_holds_the_50_newest()
    {
        var source = await app.SeedWorkspaceAsync("busy-delegator");
        var idle = await app.SeedWorkspaceAsync("idle");
        await app.ExecuteSqlAsync(
            $"""
            INSERT INTO activity_logs (workspace_id, activity_type, method, source_id, summary, request_body, status, created_at)
            SELECT '{source}', 'delegation', 'delegate', '{source}', NULL, jsonb_build_object('delegation_id', 'd' || n), 'pending', now() - n * interval '1 second'
            FROM generate_series(1, 60) n
            """);

        var empty = await app.Admin().GetAsync($"/workspaces/{idle}/delegations");
        (await empty.Content.ReadAsStringAsync()).ShouldBe("[]");
        var listed = await app.Admin().ArrayAsync($"/workspaces/{source}/delegations");
        listed.Count.ShouldBe(50);
        listed[0]!["delegation_id"]!.GetValue<string>().ShouldBe("d1");
        listed[0]!["summary"]!.GetValue<string>().ShouldBe("");
        listed[0]!["target_id"]!.GetValue<string>().ShouldBe("");
        (await app.Admin().GetAsync("/workspaces/x/delegations")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
