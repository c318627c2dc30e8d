using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Events.EventSocket;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Events;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Events;

public sealed class EventSocketTests(MoleculeApp app) : IClassFixture<MoleculeApp>
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(5));

    private IEventPublisher Publisher => app.Services.GetRequiredService<IEventPublisher>();

    [Fact]
    public async Task A_canvas_client_receives_a_recorded_event_in_the_wire_shape()
    {
        using var timeout = Timeout();
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "alpha");
        using var socket = await EventsTestKit.ConnectAsync(app, null, timeout.Token);

        await Publisher.RecordAndBroadcastAsync(EventTypes.WorkspaceOnline, workspace, new JsonObject { ["url"] = "http://alpha:8000" }, timeout.Token);

        var frame = await EventsTestKit.ReceiveTextAsync(socket, timeout.Token);
        frame.ShouldStartWith($"{{\"event\":\"WORKSPACE_ONLINE\",\"workspace_id\":\"{workspace}\",\"timestamp\":\"");
        frame.ShouldEndWith(",\"payload\":{\"url\":\"http://alpha:8000\"}}");
        var timestamp = JsonNode.Parse(frame)!["timestamp"]!.GetValue<string>();
        timestamp.ShouldEndWith("Z");
        DateTimeOffset.Parse(timestamp).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_canvas_client_receives_events_of_every_workspace_and_platform_wide_ones()
    {
        using var timeout = Timeout();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        using var socket = await EventsTestKit.ConnectAsync(app, null, timeout.Token);

        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, first, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, second, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.WorkspaceOffline, null, [], timeout.Token);

        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(first.ToString());
        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(second.ToString());
        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe("");
    }

    [Fact]
    public async Task An_agent_client_sees_its_family_but_not_an_unrelated_tree()
    {
        using var timeout = Timeout();
        var parent = await EventsTestKit.InsertWorkspaceAsync(app.Db, "team");
        var self = await EventsTestKit.InsertWorkspaceAsync(app.Db, "self", parent);
        var sibling = await EventsTestKit.InsertWorkspaceAsync(app.Db, "sibling", parent);
        var otherRoot = await EventsTestKit.InsertWorkspaceAsync(app.Db, "other team");
        var stranger = await EventsTestKit.InsertWorkspaceAsync(app.Db, "stranger", otherRoot);
        var token = await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(self, timeout.Token);
        using var socket = await EventsTestKit.ConnectAsync(app, AgentHeaders(self, token), timeout.Token);

        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, stranger, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.WorkspaceOffline, null, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, sibling, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, stranger, [], timeout.Token);
        await Publisher.RecordAndBroadcastAsync(EventTypes.WorkspaceOnline, parent, [], timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, self, [], timeout.Token);

        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(sibling.ToString());
        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(parent.ToString());
        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(self.ToString());
    }

    [Fact]
    public async Task An_agent_whose_workspace_has_no_tokens_connects_without_a_bearer()
    {
        using var timeout = Timeout();
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "fresh");
        using var socket = await EventsTestKit.ConnectAsync(app, new Dictionary<string, string> { ["X-Workspace-ID"] = workspace.ToString() }, timeout.Token);

        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, workspace, [], timeout.Token);

        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(workspace.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    [InlineData("Basic abc")]
    public async Task An_agent_without_its_own_bearer_is_refused_before_the_upgrade(string? authorization)
    {
        using var timeout = Timeout();
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "guarded");
        await app.Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(workspace, timeout.Token);
        var headers = new Dictionary<string, string> { ["X-Workspace-ID"] = workspace.ToString() };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization.StartsWith("Basic", StringComparison.Ordinal) ? authorization : "Bearer " + authorization;
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => EventsTestKit.ConnectAsync(app, headers, timeout.Token));

        refused.Message.ShouldContain("401");
    }

    [Fact]
    public async Task A_token_of_another_workspace_is_refused()
    {
        using var timeout = Timeout();
        var tokens = app.Services.GetRequiredService<IWorkspaceTokens>();
        var workspace = await EventsTestKit.InsertWorkspaceAsync(app.Db, "guarded");
        var neighbour = await EventsTestKit.InsertWorkspaceAsync(app.Db, "neighbour");
        await tokens.IssueAsync(workspace, timeout.Token);
        var neighbourToken = await tokens.IssueAsync(neighbour, timeout.Token);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            EventsTestKit.ConnectAsync(app, AgentHeaders(workspace, neighbourToken), timeout.Token));

        refused.Message.ShouldContain("401");
    }

    [Fact]
    public async Task A_malformed_workspace_header_is_a_bad_request()
    {
        using var timeout = Timeout();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            EventsTestKit.ConnectAsync(app, new Dictionary<string, string> { ["X-Workspace-ID"] = "not-a-uuid" }, timeout.Token));

        refused.Message.ShouldContain("400");
    }

    [Fact]
    public async Task A_plain_request_without_an_upgrade_is_a_bad_request()
    {
        var response = await app.Client().GetAsync("/ws");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldBe("websocket upgrade required");
    }

    [Fact]
    public async Task Client_messages_are_ignored_and_a_client_close_is_answered()
    {
        using var timeout = Timeout();
        var hub = app.Services.GetRequiredService<EventSocketHub>();
        var workspace = Guid.NewGuid();
        using var socket = await EventsTestKit.ConnectAsync(app, null, timeout.Token);

        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"subscribe\":\"everything\"}"), WebSocketMessageType.Text, true, timeout.Token);
        await Publisher.BroadcastOnlyAsync(EventTypes.TaskUpdated, workspace, [], timeout.Token);
        WorkspaceOf(await EventsTestKit.ReceiveTextAsync(socket, timeout.Token)).ShouldBe(workspace.ToString());

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);

        socket.State.ShouldBe(WebSocketState.Closed);
        socket.CloseStatus.ShouldBe(WebSocketCloseStatus.NormalClosure);
        await Eventually.UntilAsync(() => hub.ConnectedClients == 0, "no client left connected", TimeSpan.FromSeconds(5));
    }

    private static Dictionary<string, string> AgentHeaders(Guid workspace, string token) => new()
    {
        ["X-Workspace-ID"] = workspace.ToString(),
        ["Authorization"] = "Bearer " + token,
    };

    private static string WorkspaceOf(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.GetProperty("workspace_id").GetString()!;
    }
}
