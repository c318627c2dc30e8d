using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.IntegrationTests.Registry;
using Molecule.Testing;

namespace Molecule.IntegrationTests.A2A;

/// <summary>
/// One agent's life through Molecule, end to end against real Postgres and a real HTTP agent:
/// register, heartbeat, be found by a sibling, receive a proxied message and a streamed one, and see
/// it all in the activity log through the since_id cursor.
/// </summary>
public sealed class AgentJourneyTests : IAsyncLifetime
{
    private MoleculeApp _app = null!;

    public async Task InitializeAsync() => _app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
    {
        ["MOLECULE_ENV"] = "development", // the agents listen on loopback
        ["ADMIN_TOKEN"] = "admin-secret",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_agent_registers_is_found_receives_messages_and_its_activity_pages_in_order()
    {
        await using var agent = await FakeAgent.StartAsync(async (context, request) =>
        {
            if (request["method"]!.GetValue<string>() == "message/stream")
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"jsonrpc\":\"2.0\",\"result\":{\"state\":\"working\"}}\n\n");
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("data: {\"jsonrpc\":\"2.0\",\"result\":{\"state\":\"completed\"}}\n\n");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"jsonrpc":"2.0","id":"1","result":{"parts":[{"kind":"text","text":"hello back"}]}}""");
        });
        var team = await _app.SeedWorkspaceAsync("team");
        var agentId = await _app.SeedWorkspaceAsync("researcher", status: "provisioning", parent: team);
        var siblingId = await _app.SeedWorkspaceAsync("writer", parent: team);
        var siblingToken = await _app.IssueWorkspaceTokenAsync(siblingId);

        // 1. The agent registers and receives its first token, then heartbeats with it.
        var registered = await (await _app.Client().PostAsJsonAsync("/registry/register",
            new { id = agentId, url = agent.Url, agent_card = new { name = "researcher", skills = new[] { "search" } } })).JsonAsync();
        var agentToken = registered["auth_token"]!.GetValue<string>();
        var beat = await _app.Client(agentToken).PostAsJsonAsync("/registry/heartbeat", new { workspace_id = agentId, current_task = "idle" });
        beat.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.StatusOfAsync(agentId)).ShouldBe("online");

        // 2. Its sibling finds it by discovery and among its peers.
        var sibling = _app.Client(siblingToken);
        sibling.DefaultRequestHeaders.Add("X-Workspace-ID", siblingId.ToString());
        var found = await (await sibling.GetAsync($"/registry/discover/{agentId}")).JsonAsync();
        found["url"]!.GetValue<string>().ShouldBe(agent.Url);
        var peers = (await (await _app.Client(siblingToken).GetAsync($"/registry/{siblingId}/peers")).JsonAsync()).AsArray();
        peers.Select(p => p!["name"]!.GetValue<string>()).ShouldContain("researcher");

        // 3. The sibling sends a message through the proxy, then a streamed one.
        var reply = await sibling.PostAsJsonAsync($"/workspaces/{agentId}/a2a",
            new { jsonrpc = "2.0", id = "1", method = "message/send", @params = new { message = new { role = "user", parts = new[] { new { kind = "text", text = "hi" } } } } });
        reply.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reply.JsonAsync())["result"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("hello back");
        var stream = await sibling.PostAsJsonAsync($"/workspaces/{agentId}/a2a",
            new { jsonrpc = "2.0", id = "2", method = "message/stream", @params = new { message = new { role = "user", parts = Array.Empty<object>() } } });
        stream.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        (await stream.Content.ReadAsStringAsync()).ShouldContain("\"state\":\"completed\"");

        // 4. Both calls show up in the agent's activity, oldest first after the cursor.
        var agentClient = _app.Client(agentToken);
        JsonArray all = [];
        await Eventually.UntilAsync(async () =>
        {
            all = (await (await agentClient.GetAsync($"/workspaces/{agentId}/activity?type=a2a_receive")).JsonAsync()).AsArray();
            return all.Count == 2;
        }, "two a2a_receive rows");
        var oldest = all[^1]!;
        oldest["method"]!.GetValue<string>().ShouldBe("message/send");
        oldest["source_id"]!.GetValue<string>().ShouldBe(siblingId.ToString());

        var after = (await (await agentClient.GetAsync($"/workspaces/{agentId}/activity?since_id={oldest["id"]}")).JsonAsync()).AsArray();
        var streamed = after.ShouldHaveSingleItem()!;
        streamed["method"]!.GetValue<string>().ShouldBe("message/stream");
        streamed["response_body"]!["result"]!["state"]!.GetValue<string>().ShouldBe("completed");
        (await agentClient.GetAsync($"/workspaces/{agentId}/activity?since_id=00000000-0000-0000-0000-000000000000")).StatusCode.ShouldBe(HttpStatusCode.Gone);
    }
}
