using System.Text;
using Microsoft.Extensions.Time.Testing;
using Molecule.Ssh;
using Molecule.Testing;
using static Molecule.IntegrationTests.Ssh.SshTestKit;

namespace Molecule.IntegrationTests.Ssh;

/// <summary>
/// The session pool on the real sshd: a warm session skips the key push + transport step, a broken
/// one is rebuilt, idle ones close, and failures that are not the connection's are not retried.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class SshSessionPoolTests
{
    private static readonly SshCommandRequest Hostname = new("echo ok");

    [SshdFact]
    public async Task A_second_command_on_a_warm_session_does_not_push_a_key_or_open_a_path_again()
    {
        var transport = Sshd.Transport(DateTimeOffset.UtcNow.AddSeconds(60));
        await using var pool = Pool();

        var first = await pool.RunAsync("ws-1", transport, Hostname, Deadline());
        var second = await pool.RunAsync("ws-1", transport, new SshCommandRequest("echo again"), Deadline());
        using (var lease = await pool.LeaseAsync("ws-1", transport, Deadline()))
        {
            lease.Reused.ShouldBeTrue();
        }

        first.StdoutText.ShouldBe("ok\n");
        second.StdoutText.ShouldBe("again\n");
        transport.Opened.ShouldBe(1);
        transport.PushedKeys.Count.ShouldBe(1);
    }

    [SshdFact]
    public async Task Each_workspace_key_gets_its_own_session_and_key()
    {
        var transport = Sshd.Transport();
        await using var pool = Pool();

        await pool.RunAsync("ws-a", transport, Hostname, Deadline());
        await pool.RunAsync("ws-b", transport, Hostname, Deadline());

        transport.Opened.ShouldBe(2);
        transport.PushedKeys.Distinct().Count().ShouldBe(2);
        pool.Count.ShouldBe(2);
    }

    [SshdFact]
    public async Task A_session_whose_connection_dropped_is_rebuilt_and_the_command_succeeds()
    {
        await using var tunnel = new LoopbackForwarder(Sshd.Port);
        var transport = Sshd.Transport();
        transport.Redirect = new SshEndpoint("127.0.0.1", tunnel.Port);
        await using var pool = Pool();
        await pool.RunAsync("ws-1", transport, Hostname, Deadline());

        tunnel.DropConnections();
        var result = await pool.RunAsync("ws-1", transport, new SshCommandRequest("echo rebuilt"), Deadline());

        result.StdoutText.ShouldBe("rebuilt\n");
        transport.Opened.ShouldBe(2);
        tunnel.Accepted.ShouldBe(2);
        await EventuallyAsync(() => transport.Closed == 1, "the broken session's path is closed");
    }

    [SshdFact]
    public async Task A_command_that_exits_non_zero_is_answered_not_retried()
    {
        var transport = Sshd.Transport();
        await using var pool = Pool();

        var result = await pool.RunAsync("ws-1", transport, new SshCommandRequest("echo once >&2; exit 3"), Deadline());

        result.ExitCode.ShouldBe(3);
        result.StderrText.ShouldBe("once\n");
        transport.Opened.ShouldBe(1);
    }

    [SshdFact]
    public async Task A_refused_key_is_reported_once_and_not_kept()
    {
        var transport = new CountingTransport(Sshd.Endpoint, Sshd.User, _ => null);
        await using var pool = Pool();

        var first = await Should.ThrowAsync<SshSessionException>(() => pool.RunAsync("ws-1", transport, Hostname, Deadline()));
        transport.Opened.ShouldBe(1);
        await Should.ThrowAsync<SshSessionException>(() => pool.RunAsync("ws-1", transport, Hostname, Deadline()));

        first.Kind.ShouldBe(SshFailureKind.Authentication);
        first.Message.ShouldBe("Permission denied (publickey).");
        transport.Opened.ShouldBe(2);
        pool.Count.ShouldBe(0);
    }

    [SshdFact]
    public async Task An_idle_session_closes_after_the_idle_time_and_the_next_command_opens_a_new_one()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var transport = Sshd.Transport();
        await using var pool = Pool(time, idleSeconds: 60);
        await pool.RunAsync("ws-1", transport, Hostname, Deadline());

        time.Advance(TimeSpan.FromSeconds(59));
        await pool.RunAsync("ws-1", transport, Hostname, Deadline());
        transport.Opened.ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(61));
        await EventuallyAsync(() => transport.Closed == 1, "the idle session's path is closed");
        await pool.RunAsync("ws-1", transport, Hostname, Deadline());

        transport.Opened.ShouldBe(2);
    }

    [SshdFact]
    public async Task An_open_shell_keeps_its_session_out_of_idle_expiry_until_it_is_closed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var transport = Sshd.Transport();
        await using var pool = Pool(time, idleSeconds: 60);

        var shell = await pool.OpenShellAsync("ws-1", transport, new SshPtyRequest(80, 24), Deadline());
        time.Advance(TimeSpan.FromSeconds(300));
        await shell.WriteAsync("echo alive-$((1+1))\r"u8.ToArray(), Deadline());
        await ReadUntilAsync(shell, "alive-2", new StringBuilder(), Deadline());
        transport.Closed.ShouldBe(0);
        await shell.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(61));

        await EventuallyAsync(() => transport.Closed == 1, "the session closes once the shell is gone and the idle time passed");
        transport.Opened.ShouldBe(1);
    }

    [SshdFact]
    public async Task Disposing_the_pool_closes_every_session_and_refuses_new_work()
    {
        var transport = Sshd.Transport();
        var pool = Pool();
        await pool.RunAsync("ws-a", transport, Hostname, Deadline());
        await pool.RunAsync("ws-b", transport, Hostname, Deadline());

        await pool.DisposeAsync();

        transport.Closed.ShouldBe(2);
        await Should.ThrowAsync<ObjectDisposedException>(() => pool.RunAsync("ws-a", transport, Hostname, Deadline()));
    }
}
