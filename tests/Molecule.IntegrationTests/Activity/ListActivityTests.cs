using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

public sealed class ListActivityTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    private const string ZeroCursor = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public async Task Rows_come_newest_first_with_the_reference_item_shape()
    {
        var ws = await app.SeedWorkspaceAsync("lister");
        var peer = Guid.NewGuid();
        var older = await app.AddActivityAsync(ws, createdAt: DateTimeOffset.UtcNow.AddMinutes(-2));
        var newer = await app.AddActivityAsync(ws, "a2a_send", source: ws, target: peer, method: "message/send", summary: "hi",
            requestBody: """{"params": {"x": 1}}""", responseBody: "null", toolTrace: """[{"tool": "ls"}]""");

        var rows = await app.Admin().ArrayAsync($"/workspaces/{ws}/activity");

        rows.Ids().ShouldBe([newer.ToString(), older.ToString()]);
        var first = rows[0]!.AsObject();
        first["workspace_id"]!.GetValue<string>().ShouldBe(ws.ToString());
        first["activity_type"]!.GetValue<string>().ShouldBe("a2a_send");
        first["source_id"]!.GetValue<string>().ShouldBe(ws.ToString());
        first["target_id"]!.GetValue<string>().ShouldBe(peer.ToString());
        first["request_body"]!.ToJsonString().ShouldBe("""{"params":{"x":1}}""");
        first.ContainsKey("response_body").ShouldBeTrue();
        first["response_body"].ShouldBeNull();
        first["tool_trace"]!.ToJsonString().ShouldBe("""[{"tool":"ls"}]""");
        first["status"]!.GetValue<string>().ShouldBe("ok");
        first["created_at"]!.GetValue<string>().ShouldEndWith("Z");

        var bare = rows[1]!.AsObject();
        foreach (var key in new[] { "source_id", "target_id", "method", "summary", "duration_ms", "error_detail" })
        {
            bare.ContainsKey(key).ShouldBeTrue(key);
            bare[key].ShouldBeNull(key);
        }

        foreach (var key in new[] { "request_body", "response_body", "tool_trace" })
        {
            bare.ContainsKey(key).ShouldBeFalse(key);
        }
    }

    [Fact]
    public async Task Type_source_and_limit_filter_as_the_canvas_asks()
    {
        var ws = await app.SeedWorkspaceAsync("filters");
        var canvas = await app.AddActivityAsync(ws, "a2a_receive");
        var agent = await app.AddActivityAsync(ws, "a2a_receive", source: Guid.NewGuid());
        var log = await app.AddActivityAsync(ws, "agent_log", source: ws);
        var client = app.Admin();

        (await client.ArrayAsync($"/workspaces/{ws}/activity?source=canvas")).Ids().ShouldBe([canvas.ToString()]);
        (await client.ArrayAsync($"/workspaces/{ws}/activity?source=agent&type=a2a_receive")).Ids().ShouldBe([agent.ToString()]);
        (await client.ArrayAsync($"/workspaces/{ws}/activity?type=agent_log&limit=5")).Ids().ShouldBe([log.ToString()]);
        (await client.ArrayAsync($"/workspaces/{ws}/activity?limit=2")).Count.ShouldBe(2);
        (await client.ArrayAsync($"/workspaces/{ws}/activity?limit=nonsense")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Nothing_matching_and_unknown_workspaces_give_an_empty_array()
    {
        var ws = await app.SeedWorkspaceAsync("empty");

        var response = await app.Admin().GetAsync($"/workspaces/{ws}/activity");
        (await response.Content.ReadAsStringAsync()).ShouldBe("[]");
        var unknown = await app.Admin().GetAsync($"/workspaces/{Guid.NewGuid()}/activity");
        (await unknown.Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task Bad_source_and_bad_workspace_ids_are_400s()
    {
        var ws = await app.SeedWorkspaceAsync("bad-input");

        var source = await app.Admin().GetAsync($"/workspaces/{ws}/activity?source=bogus");
        var id = await app.Admin().GetAsync("/workspaces/not-a-uuid/activity");
        var peer = await app.Admin().GetAsync($"/workspaces/{ws}/activity?peer_id=x");

        source.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await source.ErrorAsync()).ShouldBe("source must be 'canvas' or 'agent'");
        id.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await id.ErrorAsync()).ShouldBe("invalid workspace ID");
        peer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await peer.ErrorAsync()).ShouldBe("peer_id must be a valid UUID");
    }

    [Fact]
    public async Task A_cursor_pages_forward_oldest_first_through_rows_with_identical_timestamps()
    {
        var ws = await app.SeedWorkspaceAsync("pager");
        var same = DateTimeOffset.UtcNow.AddMinutes(-1);
        var inserted = new List<Guid> { await app.AddActivityAsync(ws, createdAt: same.AddSeconds(-1)) };
        for (var i = 0; i < 25; i++)
        {
            inserted.Add(await app.AddActivityAsync(ws, createdAt: same));
        }

        inserted.Add(await app.AddActivityAsync(ws, createdAt: same.AddSeconds(1)));
        var first = inserted[0];
        var expected = (await app.RowsAsync(
            $"SELECT id FROM activity_logs WHERE workspace_id = '{ws}' AND id <> '{first}' ORDER BY created_at, id")).Select(r => r["id"]!.GetValue<string>()).ToList();

        var seen = new List<string>();
        var cursor = first.ToString();
        for (var page = 0; page < 20; page++)
        {
            var rows = await app.Admin().ArrayAsync($"/workspaces/{ws}/activity?since_id={cursor}&limit=4");
            if (rows.Count == 0)
            {
                break;
            }

            seen.AddRange(rows.Ids());
            cursor = seen[^1];
        }

        seen.ShouldBe(expected);
        seen.Count.ShouldBe(26);
    }

    [Fact]
    public async Task The_zero_uuid_an_unknown_a_foreign_and_a_pruned_cursor_are_410_gone()
    {
        var ws = await app.SeedWorkspaceAsync("cursors");
        var other = await app.SeedWorkspaceAsync("other");
        var foreign = await app.AddActivityAsync(other);
        var pruned = await app.AddActivityAsync(ws);
        await app.ExecuteSqlAsync($"DELETE FROM activity_logs WHERE id = '{pruned}'");

        foreach (var cursor in new[] { ZeroCursor, Guid.NewGuid().ToString(), foreign.ToString(), pruned.ToString(), "garbage" })
        {
            var response = await app.Admin().GetAsync($"/workspaces/{ws}/activity?type=a2a_receive&since_id={cursor}&limit=1");
            response.StatusCode.ShouldBe(HttpStatusCode.Gone, cursor);
            (await response.ErrorAsync()).ShouldContain("since_id");
        }
    }

    [Fact]
    public async Task Since_secs_keeps_only_the_recent_window_oldest_first()
    {
        var ws = await app.SeedWorkspaceAsync("window");
        await app.AddActivityAsync(ws, createdAt: DateTimeOffset.UtcNow.AddHours(-1));
        var a = await app.AddActivityAsync(ws, createdAt: DateTimeOffset.UtcNow.AddSeconds(-10));
        var b = await app.AddActivityAsync(ws, createdAt: DateTimeOffset.UtcNow.AddSeconds(-5));

        (await app.Admin().ArrayAsync($"/workspaces/{ws}/activity?type=a2a_receive&limit=100&since_secs=30")).Ids()
            .ShouldBe([a.ToString(), b.ToString()]);
        (await app.Admin().GetAsync($"/workspaces/{ws}/activity?since_secs=soon")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Peer_id_and_before_ts_narrow_the_list_as_the_sdk_sends_them()
    {
        var ws = await app.SeedWorkspaceAsync("sdk");
        var peer = Guid.NewGuid();
        var cut = DateTimeOffset.UtcNow.AddMinutes(-10);
        var fromPeerOld = await app.AddActivityAsync(ws, source: peer, createdAt: cut.AddMinutes(-1));
        var toPeerOld = await app.AddActivityAsync(ws, "a2a_send", source: ws, target: peer, createdAt: cut.AddMinutes(-2));
        await app.AddActivityAsync(ws, source: peer, createdAt: cut.AddMinutes(1));
        await app.AddActivityAsync(ws, source: Guid.NewGuid(), createdAt: cut.AddMinutes(-3));

        var before = Uri.EscapeDataString(cut.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK"));
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/activity?peer_id={peer}&before_ts={before}")).Ids()
            .ShouldBe([fromPeerOld.ToString(), toPeerOld.ToString()]);
        var bad = await app.Admin().GetAsync($"/workspaces/{ws}/activity?before_ts=later");
        (await bad.ErrorAsync()).ShouldBe("before_ts must be an RFC3339 timestamp");
    }

    [Fact]
    public async Task A_workspace_token_reads_its_own_log_but_not_another_one()
    {
        var ws = await app.SeedWorkspaceAsync("own");
        var other = await app.SeedWorkspaceAsync("not-own");
        var token = await app.IssueWorkspaceTokenAsync(ws);

        (await app.Client(token).GetAsync($"/workspaces/{ws}/activity")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var foreign = await app.Client(token).GetAsync($"/workspaces/{other}/activity");
        foreign.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await foreign.ErrorAsync()).ShouldBe("invalid workspace auth token");
    }
}
