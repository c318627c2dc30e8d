using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Events;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Events;

/// <summary>WorkspaceAuth guards the stream; the admin bearer passes it for the tests not about auth.</summary>
public sealed class StreamEventsTests(AdminTokenApp app) : IClassFixture<AdminTokenApp>
{
    private HttpClient Admin => app.Client(AdminTokenApp.AdminToken);

    private IEventPublisher Publisher => app.Services.GetRequiredService<IEventPublisher>();

    [Fact]
    public async Task The_stream_opens_with_a_ping_then_carries_only_its_workspace_events()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var watched = await EventsTestKit.InsertWorkspaceAsync(app.Db, "watched");
        var other = await EventsTestKit.InsertWorkspaceAsync(app.Db, "other");

        using var response = await Admin.GetAsync($"/workspaces/{watched}/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        response.Headers.Connection.ShouldContain("keep-alive");
        response.Headers.GetValues("X-Accel-Buffering").ShouldBe(["no"]);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        (await stream.ReadLineAsync(timeout.Token)).ShouldBe(": ping");
        (await stream.ReadLineAsync(timeout.Token)).ShouldBe("");

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, other, new JsonObject { ["active_tasks"] = 9 }, timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, watched, new JsonObject { ["active_tasks"] = 1 }, timeout.Token);

        var line = await stream.ReadLineAsync(timeout.Token);
        line.ShouldStartWith("data: {\"type\":\"TASK_UPDATED\",\"timestamp\":");
        line.ShouldEndWith(",\"data\":{\"active_tasks\":1}}");
        (await stream.ReadLineAsync(timeout.Token)).ShouldBe("");
        using var record = JsonDocument.Parse(line!["data: ".Length..]);
        record.RootElement.GetProperty("timestamp").GetInt64().ShouldBeGreaterThanOrEqualTo(before - 1000);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_workspace_is_not_found(string id)
    {
        var response = await Admin.GetAsync($"/workspaces/{id}/events/stream");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldBe("workspace not found");
    }

    [Fact]
    public async Task A_workspace_with_tokens_needs_its_bearer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "guarded");
        var token = await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(workspace, timeout.Token);

        using var anonymous = await app.Client().GetAsync($"/workspaces/{workspace}/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var otherBearer = await app.Client("not-a-token").GetAsync($"/workspaces/{workspace}/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        otherBearer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var bound = await app.Client(token).GetAsync($"/workspaces/{workspace}/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        bound.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new StreamReader(await bound.Content.ReadAsStreamAsync(timeout.Token));
        (await stream.ReadLineAsync(timeout.Token)).ShouldBe(": ping");
    }
}

public sealed class StreamEventsKeepAliveTests(FastSsePingApp app) : IClassFixture<FastSsePingApp>
{
    [Fact]
    public async Task A_quiet_stream_gets_periodic_ping_comments()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "quiet");

        using var response = await app.Client(AdminTokenApp.AdminToken).GetAsync($"/workspaces/{workspace}/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        for (var i = 0; i < 3; i++)
        {
            (await stream.ReadLineAsync(timeout.Token)).ShouldBe(": ping");
            (await stream.ReadLineAsync(timeout.Token)).ShouldBe("");
        }
    }
}
