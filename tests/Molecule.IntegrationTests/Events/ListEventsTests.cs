using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Events;
using Molecule.Testing;
using Npgsql;

namespace Molecule.IntegrationTests.Events;

public sealed class ListEventsTests(MoleculeApp app) : IClassFixture<MoleculeApp>
{
    [Fact]
    public async Task The_log_is_empty_on_a_fresh_server_then_lists_every_workspace_newest_first()
    {
        await using var fresh = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var client = fresh.Client();
        (await client.GetStringAsync("/events")).ShouldBe("[]");

        var workspace = Guid.NewGuid();
        await InsertAsync(fresh.Db, "WORKSPACE_PROVISIONING", workspace, """{"name": "a", "tier": 2}""", "2026-04-27 10:00:00+00");
        await InsertAsync(fresh.Db, "WORKSPACE_OFFLINE", null, null, "2026-04-27 10:00:02.5+00");
        await InsertAsync(fresh.Db, "WORKSPACE_ONLINE", workspace, """{"url": "http://a:8000", "agent_card": {"name": "—"}}""", "2026-04-27 10:00:01.123456+00");

        var response = await client.GetAsync("/events");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();
        var items = JsonNode.Parse(body)!.AsArray();
        items.Select(item => item!["event_type"]!.GetValue<string>()).ShouldBe(["WORKSPACE_OFFLINE", "WORKSPACE_ONLINE", "WORKSPACE_PROVISIONING"]);
        body.ShouldContain($"\"event_type\":\"WORKSPACE_OFFLINE\",\"workspace_id\":null,\"payload\":null,\"created_at\":\"2026-04-27T10:00:02.5Z\"}}");
        body.ShouldContain($"\"event_type\":\"WORKSPACE_ONLINE\",\"workspace_id\":\"{workspace}\",\"payload\":{{\"url\":\"http://a:8000\",\"agent_card\":{{\"name\":\"—\"}}}},\"created_at\":\"2026-04-27T10:00:01.123456Z\"}}");
        Guid.TryParse(items[0]!["id"]!.GetValue<string>(), out _).ShouldBeTrue();
    }

    [Fact]
    public async Task One_workspace_log_holds_its_100_newest_events_only()
    {
        var workspace = Guid.NewGuid();
        await using (var connection = await app.Db.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand(
            """
            INSERT INTO structure_events (event_type, workspace_id, payload, created_at)
            SELECT 'TASK' || n, $1, jsonb_build_object('n', n), timestamptz '2026-01-01 00:00:00+00' + n * interval '1 second'
            FROM generate_series(1, 105) AS n
            """, connection))
        {
            command.Parameters.AddWithValue(workspace);
            await command.ExecuteNonQueryAsync();
        }

        await InsertAsync(app.Db, "ELSEWHERE", Guid.NewGuid(), "{}", "2027-01-01 00:00:00+00");

        var items = JsonNode.Parse(await app.Client().GetStringAsync($"/events/{workspace}"))!.AsArray();

        items.Count.ShouldBe(100);
        items[0]!["event_type"]!.GetValue<string>().ShouldBe("TASK105");
        items[99]!["event_type"]!.GetValue<string>().ShouldBe("TASK6");
        items.ShouldAllBe(item => item!["workspace_id"]!.GetValue<string>() == workspace.ToString());
    }

    [Fact]
    public async Task A_workspace_without_events_has_an_empty_list() =>
        (await app.Client().GetStringAsync($"/events/{Guid.NewGuid()}")).ShouldBe("[]");

    [Fact]
    public async Task A_malformed_workspace_id_is_a_bad_request()
    {
        var response = await app.Client().GetAsync("/events/not-a-uuid");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldBe("invalid workspace ID");
    }

    [Fact]
    public async Task Recorded_events_are_listed_and_broadcast_only_ones_are_not()
    {
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "logged");
        var publisher = app.Services.GetRequiredService<IEventPublisher>();

        await publisher.RecordAndBroadcastAsync(EventTypes.WorkspacePaused, workspace, new JsonObject { ["name"] = "logged" });
        await publisher.BroadcastOnlyAsync(EventTypes.WorkspaceHeartbeat, workspace, new JsonObject { ["active_tasks"] = 0 });

        var items = JsonNode.Parse(await app.Client().GetStringAsync($"/events/{workspace}"))!.AsArray();
        items.Count.ShouldBe(1);
        items[0]!["event_type"]!.GetValue<string>().ShouldBe("WORKSPACE_PAUSED");
        items[0]!["payload"]!.ToJsonString().ShouldBe("{\"name\":\"logged\"}");
    }

    private static async Task InsertAsync(NpgsqlDataSource db, string eventType, Guid? workspaceId, string? payload, string createdAt)
    {
        await using var command = db.CreateCommand(
            "INSERT INTO structure_events (event_type, workspace_id, payload, created_at) VALUES ($1, $2, $3::jsonb, $4::timestamptz)");
        command.Parameters.AddWithValue(eventType);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)workspaceId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(createdAt);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ListEventsAuthTests(AdminTokenApp app) : IClassFixture<AdminTokenApp>
{
    [Theory]
    [InlineData("/events")]
    [InlineData("/events/6f1c1a52-3c2d-4a8e-9d3e-0b9f2f0c1a11")]
    public async Task The_log_needs_admin_auth(string path)
    {
        (await app.Client().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Client("wrong").GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admitted = await app.Client(AdminTokenApp.AdminToken).GetAsync(path);
        admitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admitted.Content.ReadAsStringAsync()).ShouldBe("[]");
    }
}
