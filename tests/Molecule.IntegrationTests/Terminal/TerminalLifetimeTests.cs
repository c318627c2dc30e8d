using System.Net.WebSockets;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Terminal;

/// <summary>Sessions the server ends by itself: idle timeout and shutdown.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class TerminalLifetimeTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task A_session_without_input_for_the_idle_period_closes_with_4008_and_its_shell_ends()
    {
        // 0.05 minutes = 3 seconds.
        await using var app = await TerminalApp.StartAsync(new Dictionary<string, string?> { ["TERMINAL_IDLE_MINUTES"] = "0.05" });
        var workspace = await app.InsertTerminalWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);
        await terminal.SendTextAsync("echo aw''ake\n");
        await terminal.WaitForAsync("\nawake");

        var (status, reason) = await terminal.ReadUntilClosedAsync();

        ((int?)status).ShouldBe(4008);
        reason.ShouldBe("idle timeout: no input for 0.05 minutes");
        await Eventually.UntilAsync(async () => await docker.CountLiveProcessesAsync(container, "/bin/sh") == 0, "the shell exited", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Stopping_the_server_closes_open_sessions_with_1001_and_ends_their_shells()
    {
        var app = await TerminalApp.StartAsync();
        var workspace = await app.InsertTerminalWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        await using var terminal = await app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken);
        await terminal.SendTextAsync("echo u''p\n");
        await terminal.WaitForAsync("\nup");

        var closed = terminal.ReadUntilClosedAsync();
        await ((IAsyncLifetime)app).DisposeAsync();
        var (status, reason) = await closed;

        status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        reason.ShouldBe("server shutting down");
        await Eventually.UntilAsync(async () => await docker.CountLiveProcessesAsync(container, "/bin/sh") == 0, "the shell exited", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
    }
}
