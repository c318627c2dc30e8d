using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.IntegrationTests.Registry;
using Molecule.Kernel.Auth;
using Molecule.Testing;

namespace Molecule.IntegrationTests.A2A;

/// <summary>The proxy against real agents listening on loopback (allowed because MOLECULE_ENV is development).</summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private MoleculeApp _app = null!;

    public async Task InitializeAsync() => _app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
    {
        ["MOLECULE_ENV"] = "development",
        ["ADMIN_TOKEN"] = "admin-secret",
        ["A2A_IDLE_TIMEOUT_SECONDS"] = "1",
        ["A2A_MAX_BODY_BYTES"] = "4096",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Send(string text) => new
    {
        method = "message/send",
        @params = new { message = new { role = "user", parts = new[] { new { kind = "text", text } } } },
    };

    private HttpClient From(Guid caller, string? bearer = null)
    {
        var client = _app.Client(bearer);
        client.DefaultRequestHeaders.Add("X-Workspace-ID", caller.ToString());
        return client;
    }

    [Fact]
    public async Task A_canvas_message_reaches_the_agent_normalised_and_the_answer_comes_back_unchanged()
    {
        await using var agent = await FakeAgent.ReplyingAsync(new JsonObject { ["text"] = "pong" });
        var target = await _app.SeedWorkspaceAsync("echo", url: agent.Url);

        var response = await _app.Client().PostAsJsonAsync($"/workspaces/{target}/a2a", Send("ping"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await response.JsonAsync();
        answer["result"]!["text"]!.GetValue<string>().ShouldBe("pong");
        var received = agent.Received.ShouldHaveSingleItem();
        received["jsonrpc"]!.GetValue<string>().ShouldBe("2.0");
        received["params"]!["message"]!["messageId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        answer["id"]!.ToJsonString().ShouldBe(received["id"]!.ToJsonString());

        var row = await ActivityAsync(target);
        row.Summary.ShouldBe("message/send → echo");
        row.SourceId.ShouldBeNull();
        row.Status.ShouldBe("ok");
    }

    [Fact]
    public async Task A_streamed_reply_is_passed_through_as_it_arrives()
    {
        var release = new TaskCompletionSource();
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"n\":1}\n\n");
            await context.Response.Body.FlushAsync();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await context.Response.WriteAsync("data: {\"n\":2}\n\n");
        });
        var target = await _app.SeedWorkspaceAsync("streamer", url: agent.Url);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/workspaces/{target}/a2a")
        {
            Content = JsonContent.Create(new { method = "message/stream", @params = new { message = new { parts = Array.Empty<object>() } } }),
        };
        using var response = await _app.Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);

        // The first event arrives while the agent is still holding the second back.
        (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("data: {\"n\":1}");
        release.SetResult();
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        rest.ShouldContain("data: {\"n\":2}");
    }

    [Fact]
    public async Task A_sibling_calls_with_its_token_and_is_recorded_as_the_source()
    {
        await using var agent = await FakeAgent.ReplyingAsync(new JsonObject { ["ok"] = true });
        var team = await _app.SeedWorkspaceAsync("team");
        var caller = await _app.SeedWorkspaceAsync("caller", parent: team);
        var target = await _app.SeedWorkspaceAsync("target", parent: team, url: agent.Url);
        var token = await _app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(caller);

        var missing = await From(caller).PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));
        var wrong = await From(caller, "nope").PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));
        var right = await From(caller, token).PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));

        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await missing.JsonAsync())["error"]!.GetValue<string>().ShouldBe("missing caller auth token");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid caller auth token");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ActivityAsync(target)).SourceId.ShouldBe(caller);
        await Eventually.UntilAsync(
            async () =>
            {
                await using var connection = await _app.Db.OpenConnectionAsync();
                return await connection.ExecuteScalarAsync<DateTime?>("SELECT last_outbound_at FROM workspaces WHERE id = @caller", new { caller }) is not null;
            },
            "the caller's last_outbound_at was set");
    }

    [Fact]
    public async Task The_channel_plugin_caller_header_is_accepted()
    {
        await using var agent = await FakeAgent.ReplyingAsync(new JsonObject());
        var a = await _app.SeedWorkspaceAsync("root-a");
        var b = await _app.SeedWorkspaceAsync("root-b", url: agent.Url);
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("X-Source-Workspace-Id", a.ToString());

        (await client.PostAsJsonAsync($"/workspaces/{b}/a2a", Send("x"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ActivityAsync(b)).SourceId.ShouldBe(a);
    }

    [Fact]
    public async Task Reserved_callers_and_strangers_are_refused()
    {
        var teamA = await _app.SeedWorkspaceAsync("a");
        var inA = await _app.SeedWorkspaceAsync("in-a", parent: teamA);
        var teamB = await _app.SeedWorkspaceAsync("b");
        var inB = await _app.SeedWorkspaceAsync("in-b", parent: teamB, url: "http://127.0.0.1:9");
        var reserved = _app.Client();
        reserved.DefaultRequestHeaders.Add("X-Workspace-ID", "system:restart-context");

        var systemCall = await reserved.PostAsJsonAsync($"/workspaces/{inB}/a2a", Send("x"));
        var stranger = await From(inA).PostAsJsonAsync($"/workspaces/{inB}/a2a", Send("x"));

        systemCall.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await systemCall.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid caller ID");
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.JsonAsync())["error"]!.GetValue<string>().ShouldBe("access denied: workspaces cannot communicate per hierarchy rules");
    }

    [Fact]
    public async Task Budget_missing_workspace_missing_url_and_unsafe_url_have_their_own_answers()
    {
        var broke = await _app.SeedWorkspaceAsync("broke", url: "http://127.0.0.1:9");
        await _app.ExecuteSqlAsync($"UPDATE workspaces SET budget_limit = 100, monthly_spend = 100 WHERE id = '{broke}'");
        var offline = await _app.SeedWorkspaceAsync("no-url", status: "offline");
        var metadata = await _app.SeedWorkspaceAsync("metadata", url: "http://169.254.169.254/latest");

        var budget = await _app.Client().PostAsJsonAsync($"/workspaces/{broke}/a2a", Send("x"));
        var missing = await _app.Client().PostAsJsonAsync($"/workspaces/{Guid.NewGuid()}/a2a", Send("x"));
        var noUrl = await _app.Client().PostAsJsonAsync($"/workspaces/{offline}/a2a", Send("x"));
        var unsafeUrl = await _app.Client().PostAsJsonAsync($"/workspaces/{metadata}/a2a", Send("x"));

        budget.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        (await budget.JsonAsync())["error"]!.GetValue<string>().ShouldBe("workspace budget limit exceeded");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        noUrl.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var noUrlBody = await noUrl.JsonAsync();
        noUrlBody["error"]!.GetValue<string>().ShouldBe("workspace has no URL");
        noUrlBody["status"]!.GetValue<string>().ShouldBe("offline");
        unsafeUrl.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await unsafeUrl.JsonAsync())["error"]!.GetValue<string>().ShouldBe("workspace URL is not publicly routable");
    }

    [Fact]
    public async Task A_message_for_a_hibernated_workspace_wakes_it_and_asks_the_caller_to_retry()
    {
        var sleeper = await _app.SeedWorkspaceAsync("sleeper", status: "hibernated");

        var response = await _app.Client().PostAsJsonAsync($"/workspaces/{sleeper}/a2a", Send("wake up"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(15));
        var body = await response.JsonAsync();
        body["waking"]!.GetValue<bool>().ShouldBeTrue();
        body["retry_after"]!.GetValue<int>().ShouldBe(15);
        (await _app.EventsForAsync(sleeper)).ShouldContain(e => e.Type == "WORKSPACE_PROVISIONING");
    }

    [Fact]
    public async Task An_unreachable_agent_is_a_502_and_logged_as_an_error()
    {
        var target = await _app.SeedWorkspaceAsync("gone", url: "http://127.0.0.1:1");

        var response = await _app.Client().PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.JsonAsync())["error"]!.GetValue<string>().ShouldBe("failed to reach workspace agent");
        var row = await ActivityAsync(target);
        row.Status.ShouldBe("error");
        row.Summary.ShouldStartWith("A2A request to gone failed:");
    }

    [Fact]
    public async Task An_unreachable_agent_whose_container_is_gone_goes_offline_and_is_restarted()
    {
        var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Docker, new ContainerGone())));
        var target = await _app.SeedWorkspaceAsync("crashed", url: "http://127.0.0.1:1");

        var response = await app.CreateClient().PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.JsonAsync();
        body["error"]!.GetValue<string>().ShouldBe("workspace agent unreachable — container restart triggered");
        body["restarting"]!.GetValue<bool>().ShouldBeTrue();
        var events = (await _app.EventsForAsync(target)).Select(e => e.Type).ToList();
        events.ShouldContain("WORKSPACE_OFFLINE");
        await Eventually.UntilAsync(async () => (await _app.EventsForAsync(target)).Any(e => e.Type == "WORKSPACE_PROVISIONING"), "a WORKSPACE_PROVISIONING event");
    }

    [Fact]
    public async Task An_agent_error_keeps_its_status_with_the_body_reduced_to_error()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("""{"error":"model exploded","trace":"secret internals"}""");
        });
        var target = await _app.SeedWorkspaceAsync("broken", url: agent.Url);

        var response = await _app.Client().PostAsJsonAsync($"/workspaces/{target}/a2a", Send("x"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"error\":\"model exploded\"");
        body.ShouldNotContain("secret internals");
    }

    [Fact]
    public async Task Oversized_and_invalid_bodies_are_refused_before_anything_is_sent()
    {
        await using var agent = await FakeAgent.ReplyingAsync(new JsonObject());
        var target = await _app.SeedWorkspaceAsync("picky", url: agent.Url);

        var big = await _app.Client().PostAsJsonAsync($"/workspaces/{target}/a2a", Send(new string('x', 5000)));
        var invalid = await _app.Client().PostAsync($"/workspaces/{target}/a2a", new StringContent("{nope", Encoding.UTF8, "application/json"));

        big.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await big.JsonAsync())["error"]!.GetValue<string>().ShouldBe("request body exceeds 4096 bytes");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid JSON");
        agent.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_busy_agent_gets_the_message_queued_and_delivered_after_its_next_heartbeat()
    {
        var hang = true;
        await using var agent = await FakeAgent.StartAsync(async (context, request) =>
        {
            if (hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"jsonrpc":"2.0","result":{}}""");
        });
        var target = await _app.SeedWorkspaceAsync("busy", url: agent.Url);

        var response = await _app.Client().PostAsJsonAsync($"/workspaces/{target}/a2a", Send("later"));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await response.JsonAsync();
        body["queued"]!.GetValue<bool>().ShouldBeTrue();
        body["queue_depth"]!.GetValue<int>().ShouldBe(1);
        var queueId = Guid.Parse(body["queue_id"]!.GetValue<string>());

        hang = false;
        (await _app.Client().PostAsJsonAsync("/registry/heartbeat", new { workspace_id = target, active_tasks = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.UntilAsync(
            async () =>
            {
                await using var connection = await _app.Db.OpenConnectionAsync();
                return await connection.ExecuteScalarAsync<string>("SELECT status FROM a2a_queue WHERE id = @queueId", new { queueId }) == "completed";
            },
            "the queued request completed");
        agent.Received.Count.ShouldBe(2);
        agent.Received[1]["params"]!["message"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("later");
    }

    private async Task<(string Summary, Guid? SourceId, string Status)> ActivityAsync(Guid workspaceId)
    {
        (string, Guid?, string)? row = null;
        await Eventually.UntilAsync(
            async () =>
            {
                await using var connection = await _app.Db.OpenConnectionAsync();
                row = await connection.QuerySingleOrDefaultAsync<(string, Guid?, string)?>(
                    "SELECT summary, source_id, status FROM activity_logs WHERE workspace_id = @workspaceId AND activity_type = 'a2a_receive' ORDER BY created_at DESC LIMIT 1",
                    new { workspaceId });
                return row is not null;
            },
            $"an a2a_receive activity row for {workspaceId}");
        return row!.Value;
    }

    /// <summary>A Docker backend whose containers are all gone; starts fail.</summary>
    private sealed class ContainerGone : IWorkspaceCompute
    {
        public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(ProvisionResult.Failed("test backend does not start containers"));

        public Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> IsRunningAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
