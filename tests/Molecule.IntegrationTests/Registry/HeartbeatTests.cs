using System.Net;
using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Registry;

public sealed class HeartbeatTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;
    private readonly EventRecorder _events = new();
    private readonly WebApplicationFactory<Program> _recorded;

    public HeartbeatTests(MoleculeApp app)
    {
        _app = app;
        _recorded = app.WithWebHostBuilder(b => b.ConfigureTestServices(_events.Install));
    }

    private HttpClient Client() => _recorded.CreateClient();

    [Fact]
    public async Task A_heartbeat_writes_every_stat_and_brings_a_provisioning_workspace_online()
    {
        var id = await _app.SeedWorkspaceAsync("hb", status: "provisioning");

        var response = await Client().PostJsonAsync("/registry/heartbeat", new
        {
            workspace_id = id, error_rate = 0.05, sample_error = "", active_tasks = 1, uptime_seconds = 42,
            current_task = "writing tests", monthly_spend = 1234,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync())["status"]!.GetValue<string>().ShouldBe("ok");
        (await _app.StatusOfAsync(id)).ShouldBe("online");
        await using var connection = await _app.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(int Active, int Uptime, string Task, long Spend)>(
            "SELECT active_tasks, uptime_seconds, current_task, monthly_spend FROM workspaces WHERE id = @id", new { id });
        row.ShouldBe((1, 42, "writing tests", 1234L));
        _events.Of("WORKSPACE_ONLINE", id).ShouldHaveSingleItem().ToJsonString().ShouldBe("""{"recovered_from":"provisioning"}""");
        _events.Of("TASK_UPDATED", id).ShouldHaveSingleItem()["current_task"]!.GetValue<string>().ShouldBe("writing tests");
        _events.Of("WORKSPACE_HEARTBEAT", id).ShouldHaveSingleItem().ToJsonString().ShouldBe("""{"active_tasks":1,"uptime_seconds":42}""");
    }

    [Fact]
    public async Task Task_updated_goes_out_only_when_the_task_changes_and_an_omitted_task_clears_it()
    {
        var id = await _app.SeedWorkspaceAsync("tasks");

        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, current_task = "a" });
        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, current_task = "a" });
        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id });

        _events.Of("TASK_UPDATED", id).Select(e => e["current_task"]!.GetValue<string>()).ShouldBe(["a", ""]);
        _events.Of("WORKSPACE_HEARTBEAT", id).Count.ShouldBe(3);
    }

    [Fact]
    public async Task Error_rate_degrades_and_recovers_with_the_reference_events()
    {
        var id = await _app.SeedWorkspaceAsync("flaky");

        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, error_rate = 0.6, sample_error = "timeout" });
        (await _app.StatusOfAsync(id)).ShouldBe("degraded");
        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, error_rate = 0.01 });
        (await _app.StatusOfAsync(id)).ShouldBe("online");

        _events.Of("WORKSPACE_DEGRADED", id).ShouldHaveSingleItem().ToJsonString().ShouldBe("""{"error_rate":0.6,"sample_error":"timeout"}""");
    }

    [Fact]
    public async Task An_agent_that_manages_its_own_status_is_not_degraded_by_error_rate()
    {
        var id = await _app.SeedWorkspaceAsync("self-managed");
        var metadata = new { capabilities = new { status_mgmt = true } };

        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, runtime_metadata = metadata });
        await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, error_rate = 0.9, runtime_metadata = metadata });

        (await _app.StatusOfAsync(id)).ShouldBe("online");
    }

    [Fact]
    public async Task A_heartbeat_for_an_unknown_workspace_answers_ok_and_writes_nothing()
    {
        var id = Guid.NewGuid();

        var response = await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id, current_task = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.StatusOfAsync(id)).ShouldBe("");
    }

    [Fact]
    public async Task A_tokened_workspace_needs_its_own_bearer()
    {
        var id = await _app.SeedWorkspaceAsync("locked");
        var other = await _app.SeedWorkspaceAsync("other");
        var tokens = _app.Services.GetRequiredService<Molecule.Kernel.Auth.IWorkspaceTokens>();
        var own = await tokens.IssueAsync(id);
        var foreign = await tokens.IssueAsync(other);

        (await Client().PostJsonAsync("/registry/heartbeat", new { workspace_id = id })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var wrong = Client();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", foreign);
        (await wrong.PostJsonAsync("/registry/heartbeat", new { workspace_id = id })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var right = Client();
        right.DefaultRequestHeaders.Authorization = new("Bearer", own);
        (await right.PostJsonAsync("/registry/heartbeat", new { workspace_id = id })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"error_rate":0.1}""")]
    [InlineData("""{"workspace_id":"nope"}""")]
    [InlineData("""{"workspace_id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","active_tasks":"many"}""")]
    [InlineData("""[]""")]
    public async Task Bad_bodies_are_400(string body)
    {
        var response = await Client().PostAsync("/registry/heartbeat", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid request body");
    }

    [Fact]
    public async Task A_burst_of_concurrent_heartbeats_all_succeed_and_the_last_stats_win()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await _app.SeedWorkspaceAsync($"burst-{i}"));
        }

        var client = Client();
        var responses = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(1, 5).Select(n =>
            client.PostJsonAsync("/registry/heartbeat", new { workspace_id = id, uptime_seconds = n }))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM workspaces WHERE id = ANY(@ids) AND uptime_seconds > 0", new { ids = ids.ToArray() }))
            .ShouldBe(20);
    }
}
