using System.Text;
using Molecule.Ssh;
using Molecule.Testing;
using static Molecule.IntegrationTests.Ssh.SshTestKit;

namespace Molecule.IntegrationTests.Ssh;

/// <summary>The PTY shell the terminal uses: keystrokes in, echo out, and window-size changes the remote side sees.</summary>
[Collection(SshdCollection.Name)]
public sealed class SshShellTests
{
    [SshdFact]
    public async Task Keystrokes_run_in_the_remote_shell_and_its_output_comes_back()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        await using var shell = await ssh.Session.OpenShellAsync(new SshPtyRequest(80, 24), Deadline());
        var seen = new StringBuilder();

        await shell.WriteAsync("echo marker-$((6*7))\r"u8.ToArray(), Deadline());

        (await ReadUntilAsync(shell, "marker-42", seen, Deadline())).ShouldContain("marker-42");
    }

    [SshdFact]
    public async Task The_pty_starts_at_the_requested_size_and_a_resize_reaches_stty()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        await using var shell = await ssh.Session.OpenShellAsync(new SshPtyRequest(80, 24), Deadline());
        var seen = new StringBuilder();

        await shell.WriteAsync("stty size\r"u8.ToArray(), Deadline());
        await ReadUntilAsync(shell, "24 80", seen, Deadline());
        shell.Resize(132, 50);
        await shell.WriteAsync("stty size\r"u8.ToArray(), Deadline());
        var output = await ReadUntilAsync(shell, "50 132", seen, Deadline());

        output.IndexOf("50 132", StringComparison.Ordinal).ShouldBeGreaterThan(output.IndexOf("24 80", StringComparison.Ordinal));
    }

    [SshdFact]
    public async Task Exiting_the_shell_ends_its_output()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        await using var shell = await ssh.Session.OpenShellAsync(new SshPtyRequest(80, 24), Deadline());
        var buffer = new byte[4096];

        await shell.WriteAsync("exit\r"u8.ToArray(), Deadline());
        var reads = 0;
        while (await shell.ReadAsync(buffer, Deadline()) > 0 && reads < 1000)
        {
            reads++;
        }

        reads.ShouldBeLessThan(1000);
    }
}
