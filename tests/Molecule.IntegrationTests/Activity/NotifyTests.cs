using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

public sealed class NotifyTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task A_message_reaches_the_canvas_and_the_chat_history()
    {
        var ws = await app.SeedWorkspaceAsync("talker");
        var token = await app.IssueWorkspaceTokenAsync(ws);
        var message = "Finished the report — " + new string('x', 100);

        var response = await app.Client(token).PostJsonAsync($"/workspaces/{ws}/notify", new { message });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.BodyAsync())["status"]!.GetValue<string>().ShouldBe("sent");
        var sent = app.Events.Of("AGENT_MESSAGE", ws).ShouldHaveSingleItem();
        sent.Select(p => p.Key).ShouldBe(["message", "workspace_id", "name"]);
        sent["message"]!.GetValue<string>().ShouldBe(message);
        sent["workspace_id"]!.GetValue<string>().ShouldBe(ws.ToString());
        sent["name"]!.GetValue<string>().ShouldBe("talker");
        (await app.ScalarAsync<long>($"SELECT count(*) FROM structure_events WHERE event_type = 'AGENT_MESSAGE'")).ShouldBe(0);
        app.Events.Of("ACTIVITY_LOGGED", ws).ShouldBeEmpty();

        var row = (await app.Admin().ArrayAsync($"/workspaces/{ws}/activity?source=canvas&type=a2a_receive")).ShouldHaveSingleItem()!.AsObject();
        row["method"]!.GetValue<string>().ShouldBe("notify");
        row["status"]!.GetValue<string>().ShouldBe("ok");
        row["source_id"].ShouldBeNull();
        row["target_id"].ShouldBeNull();
        row.ContainsKey("request_body").ShouldBeFalse();
        row["response_body"]!.AsObject().Select(p => p.Key).ShouldBe(["result"]);
        row["response_body"]!["result"]!.GetValue<string>().ShouldBe(message);
        var summary = row["summary"]!.GetValue<string>();
        summary.ShouldStartWith("Agent message: Finished the report");
        summary.ShouldEndWith("…");
    }

    [Fact]
    public async Task Attachments_are_broadcast_and_stored_as_file_parts()
    {
        var ws = await app.SeedWorkspaceAsync("sharer");

        var response = await app.Admin().PostJsonAsync($"/workspaces/{ws}/notify", new
        {
            message = "here you go",
            attachments = new object[]
            {
                new { uri = "workspace:/workspace/.molecule/chat-uploads/abc-report.pdf", name = "report.pdf", mimeType = "application/pdf", size = 2048 },
                new { uri = "workspace:/tmp/notes.txt", name = "notes.txt" },
            },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var attachments = app.Events.Of("AGENT_MESSAGE", ws).ShouldHaveSingleItem()["attachments"]!.AsArray();
        attachments.Count.ShouldBe(2);
        attachments[0]!.ToJsonString().ShouldBe("""{"uri":"workspace:/workspace/.molecule/chat-uploads/abc-report.pdf","name":"report.pdf","mimeType":"application/pdf","size":2048}""");
        attachments[1]!.ToJsonString().ShouldBe("""{"uri":"workspace:/tmp/notes.txt","name":"notes.txt"}""");
        var row = (await app.Admin().ArrayAsync($"/workspaces/{ws}/activity")).ShouldHaveSingleItem()!;
        var part = row["response_body"]!["parts"]![1]!;
        part["kind"]!.GetValue<string>().ShouldBe("file");
        part["file"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["name", "uri"]);
        part["file"]!["uri"]!.GetValue<string>().ShouldBe("workspace:/tmp/notes.txt");
    }

    [Fact]
    public async Task Bad_bodies_missing_and_removed_workspaces_are_refused()
    {
        var ws = await app.SeedWorkspaceAsync("checked");
        var removed = await app.SeedWorkspaceAsync("gone", status: "removed");
        var client = app.Admin();

        var noMessage = await client.PostJsonAsync($"/workspaces/{ws}/notify", new { type = "delegation_complete", task_id = "t" });
        var notJson = await client.PostRawAsync($"/workspaces/{ws}/notify", "message=hi");
        var badAttachment = await client.PostJsonAsync($"/workspaces/{ws}/notify", new { message = "x", attachments = new[] { new { uri = "u", name = "" } } });
        var missing = await client.PostJsonAsync($"/workspaces/{Guid.NewGuid()}/notify", new { message = "x" });
        var gone = await client.PostJsonAsync($"/workspaces/{removed}/notify", new { message = "x" });

        noMessage.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noMessage.ErrorAsync()).ShouldBe("message is required");
        (await notJson.ErrorAsync()).ShouldBe("message is required");
        badAttachment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badAttachment.ErrorAsync()).ShouldBe("attachment[0]: uri and name are required");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.ErrorAsync()).ShouldBe("workspace not found");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        app.Events.Of("AGENT_MESSAGE", ws).ShouldBeEmpty();
        app.Events.Of("AGENT_MESSAGE", removed).ShouldBeEmpty();
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id IN ('{ws}', '{removed}')")).ShouldBe(0);
    }
}
