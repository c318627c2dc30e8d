using System.Formats.Tar;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

/// <summary>The test agent image does what the provisioner and registry tests will rely on.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class AgentImageTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task The_agent_registers_with_its_token_heartbeats_and_answers_a2a_on_loopback()
    {
        await using var platform = await FakePlatform.StartAsync();
        var port = FakePlatform.FreePort();
        var workspaceId = Guid.NewGuid().ToString();
        var container = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = docker.UniqueName("agent"),
            Env = [$"WORKSPACE_ID={workspaceId}", $"PLATFORM_URL={platform.Url}", $"AGENT_PORT={port}", "HEARTBEAT_SECONDS=1", "AGENT_REPLY=hi there"],
            Labels = docker.Labels,
            NetworkMode = "host",
        }, Deadline.In());
        await docker.Engine.PutArchiveAsync(container, "/configs", await TokenTarAsync("file-token"), Deadline.In());
        await docker.Engine.StartContainerAsync(container, Deadline.In());

        var register = await platform.NextCallAsync(Deadline.In());
        var heartbeat = await platform.NextCallAsync(Deadline.In());

        register.Path.ShouldBe("/registry/register");
        register.Authorization.ShouldBe("Bearer file-token");
        register.Body!["id"]!.GetValue<string>().ShouldBe(workspaceId);
        register.Body["url"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{port}");
        register.Body["agent_card"]!["name"]!.GetValue<string>().ShouldBe("molecule-test-agent");
        heartbeat.Path.ShouldBe("/registry/heartbeat");
        heartbeat.Authorization.ShouldBe("Bearer file-token");
        heartbeat.Body!["workspace_id"]!.GetValue<string>().ShouldBe(workspaceId);

        // busybox httpd hands CGI scripts only Content-Length bodies, not chunked ones.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new StringContent(
            """{"jsonrpc":"2.0","id":"req-1","method":"message/send","params":{}}""", System.Text.Encoding.UTF8, "application/json");
        var reply = await http.PostAsync($"http://127.0.0.1:{port}/", request, Deadline.In());
        var answer = await reply.Content.ReadFromJsonAsync<JsonNode>(Deadline.In());
        answer!["id"]!.GetValue<string>().ShouldBe("req-1");
        answer["result"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("hi there");

        await docker.Engine.StopContainerAsync(container, TimeSpan.FromSeconds(10), Deadline.In());
        var stopped = await docker.Engine.InspectContainerAsync(container, Deadline.In());
        stopped.State.ExitCode.ShouldBe(0); // the agent traps SIGTERM and exits cleanly
    }

    private static async Task<MemoryStream> TokenTarAsync(string token)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ".auth_token")
            {
                Mode = (UnixFileMode)0b110_000_000,
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(token)),
            });
        }

        tar.Position = 0;
        return tar;
    }
}
