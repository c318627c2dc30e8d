using System.Net.WebSockets;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Terminal;

/// <summary>Sessions through the WebSocket against real containers on the private dockerd.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class TerminalSessionTests(DockerEngineFixture docker, TerminalApp app) : IClassFixture<TerminalApp>
{
    [Fact]
    public async Task Keystrokes_reach_the_shell_and_its_output_comes_back_as_binary_frames()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);

        // The quotes tell the echoed keystrokes apart from the command's output.
        await terminal.SendTextAsync("echo hel''lo\n");
        await terminal.WaitForAsync("\nhello");
        await terminal.SendBinaryAsync("echo by''tes\n");
        await terminal.WaitForAsync("\nbytes");

        terminal.OutputFrameTypes.ShouldBe([WebSocketMessageType.Binary]);
    }

    [Fact]
    public async Task The_image_has_no_bash_so_sh_starts_without_the_engine_error_showing()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);

        await terminal.SendTextAsync("echo shell=$0\n");
        await terminal.WaitForAsync("shell=/bin/sh");

        terminal.Screen.ShouldNotContain("OCI runtime");
        terminal.Screen.ShouldNotContain("/bin/bash");
    }

    [Fact]
    public async Task The_initial_size_comes_from_the_query_and_a_resize_message_changes_it()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken, query: "?cols=100&rows=30");

        await terminal.SendTextAsync("stty size\n");
        await terminal.WaitForAsync("30 100");

        await terminal.SendTextAsync("""{"type":"resize","cols":132,"rows":40}""");
        await terminal.SendTextAsync("stty size\n");
        await terminal.WaitForAsync("40 132");

        // Too large is clamped; zero is ignored (the size stays), and neither reaches the shell.
        await terminal.SendTextAsync("""{ "rows": 5000, "type": "resize", "cols": 90 }""");
        await terminal.SendTextAsync("""{"type":"resize","cols":0,"rows":10}""");
        await terminal.SendTextAsync("stty size\n");
        await terminal.WaitForAsync("1000 90");
        terminal.Screen.ShouldNotContain("resize");
    }

    [Fact]
    public async Task Text_that_only_looks_like_a_control_message_is_typed_into_the_shell()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);

        await terminal.SendTextAsync("""{"type":"resize","cols":80,"rows":24,"extra":1}""");
        await terminal.WaitForAsync("\"extra\":1}");
    }

    [Fact]
    public async Task Exiting_the_shell_closes_normally_with_the_exit_code_in_the_reason()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);

        await terminal.SendTextAsync("exit 3\n");
        var (status, reason) = await terminal.ReadUntilClosedAsync();

        status.ShouldBe(WebSocketCloseStatus.NormalClosure);
        reason.ShouldBe("shell exited with code 3");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_client_goes_away_the_shell_and_what_it_started_end(bool sendsClose)
    {
        var (workspace, container) = await RunningWorkspaceAsync();
        var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);
        await terminal.SendTextAsync("sleep 777 &\n");
        await terminal.SendTextAsync("echo start''ed\n");
        await terminal.WaitForAsync("\nstarted");
        (await docker.CountLiveProcessesAsync(container, "sleep 777")).ShouldBe(1);
        (await docker.CountLiveProcessesAsync(container, "/bin/sh")).ShouldBe(1);

        if (sendsClose)
        {
            await terminal.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", TerminalTestKit.Within());
        }
        else
        {
            terminal.Socket.Abort();
        }

        await Eventually.UntilAsync(
            async () =>
                await docker.CountLiveProcessesAsync(container, "/bin/sh") == 0 &&
                await docker.CountLiveProcessesAsync(container, "sleep 777") == 0,
            "the shell and its child exited",
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));
        await terminal.DisposeAsync();
    }

    [Fact]
    public async Task An_origin_on_localhost_is_accepted()
    {
        var (workspace, _) = await RunningWorkspaceAsync();
        await using var terminal = await app.ConnectTerminalAsync(
            workspace, TerminalApp.AdminToken, new Dictionary<string, string> { ["Origin"] = "http://localhost:3000" });

        await terminal.SendTextAsync("echo o''k\n");
        await terminal.WaitForAsync("\nok");
    }

    private async Task<(Guid Workspace, string Container)> RunningWorkspaceAsync()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        return (workspace, container);
    }
}
