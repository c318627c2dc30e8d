using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Molecule.Ssh;
using Molecule.Testing;
using static Molecule.Tests.Ssh.FakeSshSessions;

namespace Molecule.Tests.Ssh;

/// <summary>The pool's rules on scripted sessions: reuse, the one retry, what is never retried, idle expiry and shutdown.</summary>
public sealed class SshSessionPoolTests
{
    private static readonly SshCommandRequest Command = new("true");

    private readonly FakeSshConnector _connector = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CountingTransport _transport = new(new SshEndpoint("127.0.0.1", 1), "ubuntu", _ => null);

    [Fact]
    public async Task A_warm_session_serves_the_next_command_without_a_new_transport_or_connect()
    {
        await using var pool = Pool();

        await pool.RunAsync("ws", _transport, Command, default);
        await pool.RunAsync("ws", _transport, Command, default);

        _transport.Opened.ShouldBe(1);
        _connector.Connects.ShouldBe(1);
        _connector.Sessions[0].Commands.ShouldBe(2);
    }

    [Fact]
    public async Task A_command_whose_session_broke_is_retried_once_on_a_new_session()
    {
        _connector.Configure = session => session.Behavior = session.Number == 1 ? _ => throw Lost() : _ => Exit(0, "second");
        await using var pool = Pool();

        var result = await pool.RunAsync("ws", _transport, Command, default);

        result.StdoutText.ShouldBe("second");
        _transport.Opened.ShouldBe(2);
        _connector.Sessions[0].Disposed.ShouldBeTrue();
        _transport.Closed.ShouldBe(1);
    }

    [Fact]
    public async Task A_second_broken_session_fails_the_command_after_exactly_two_attempts()
    {
        _connector.Configure = session => session.Behavior = _ => throw Lost();
        await using var pool = Pool();

        var error = await Should.ThrowAsync<SshSessionException>(() => pool.RunAsync("ws", _transport, Command, default));

        error.Kind.ShouldBe(SshFailureKind.ConnectionLost);
        _connector.Connects.ShouldBe(2);
        pool.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_non_zero_exit_is_the_answer_and_keeps_the_session()
    {
        _connector.Configure = session => session.Behavior = _ => Exit(3);
        await using var pool = Pool();

        var result = await pool.RunAsync("ws", _transport, Command, default);

        result.ExitCode.ShouldBe(3);
        _connector.Connects.ShouldBe(1);
        pool.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_channel_is_not_a_reason_to_rebuild()
    {
        _connector.Configure = session => session.Behavior = _ => throw new SshSessionException(SshFailureKind.ChannelRefused, "refused");
        await using var pool = Pool();

        await Should.ThrowAsync<SshSessionException>(() => pool.RunAsync("ws", _transport, Command, default));

        _connector.Connects.ShouldBe(1);
    }

    [Fact]
    public async Task An_authentication_failure_is_reported_once_and_the_next_call_starts_over()
    {
        _connector.FailWith = new SshSessionException(SshFailureKind.Authentication, "Permission denied (publickey).");
        await using var pool = Pool();

        var error = await Should.ThrowAsync<SshSessionException>(() => pool.RunAsync("ws", _transport, Command, default));
        _connector.Connects.ShouldBe(1);
        _transport.Closed.ShouldBe(1);
        _connector.FailWith = null;
        await pool.RunAsync("ws", _transport, Command, default);

        error.Message.ShouldBe("Permission denied (publickey).");
        _connector.Connects.ShouldBe(2);
    }

    [Fact]
    public async Task Callers_arriving_while_a_session_opens_share_that_one_open()
    {
        _connector.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pool = Pool();

        var calls = Enumerable.Range(0, 3).Select(_ => pool.RunAsync("ws", _transport, Command, default)).ToArray();
        _connector.Gate.SetResult();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        _transport.Opened.ShouldBe(1);
        _connector.Connects.ShouldBe(1);
    }

    [Fact]
    public async Task A_session_found_dead_while_idle_is_replaced_before_use()
    {
        await using var pool = Pool();
        await pool.RunAsync("ws", _transport, Command, default);
        _connector.Sessions[0].Connected = false;

        await pool.RunAsync("ws", _transport, Command, default);

        _connector.Connects.ShouldBe(2);
        _connector.Sessions[0].Commands.ShouldBe(1);
        _connector.Sessions[0].Disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task An_idle_session_closes_when_its_idle_time_has_passed_and_not_before()
    {
        await using var pool = Pool(idleSeconds: 60);
        await pool.RunAsync("ws", _transport, Command, default);

        _time.Advance(TimeSpan.FromSeconds(59));
        _connector.Sessions[0].Disposed.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));

        _connector.Sessions[0].Disposed.ShouldBeTrue();
        _transport.Closed.ShouldBe(1);
        pool.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Using_a_session_restarts_its_idle_time()
    {
        await using var pool = Pool(idleSeconds: 60);
        await pool.RunAsync("ws", _transport, Command, default);

        _time.Advance(TimeSpan.FromSeconds(40));
        await pool.RunAsync("ws", _transport, Command, default);
        _time.Advance(TimeSpan.FromSeconds(40));

        _connector.Sessions[0].Disposed.ShouldBeFalse();
        _connector.Connects.ShouldBe(1);
    }

    [Fact]
    public async Task A_held_lease_keeps_its_session_past_the_idle_time()
    {
        await using var pool = Pool(idleSeconds: 60);
        var lease = await pool.LeaseAsync("ws", _transport, default);

        _time.Advance(TimeSpan.FromMinutes(10));
        _connector.Sessions[0].Disposed.ShouldBeFalse();
        lease.Dispose();
        _time.Advance(TimeSpan.FromSeconds(60));

        _connector.Sessions[0].Disposed.ShouldBeTrue();
    }

    [Fact]
    public async Task With_no_idle_time_a_session_closes_after_each_use()
    {
        await using var pool = Pool(idleSeconds: 0);

        await pool.RunAsync("ws", _transport, Command, default);
        await pool.RunAsync("ws", _transport, Command, default);

        _connector.Connects.ShouldBe(2);
        _connector.Sessions.ShouldAllBe(session => session.Disposed);
    }

    [Fact]
    public async Task Evicting_closes_the_workspaces_session()
    {
        await using var pool = Pool();
        await pool.RunAsync("ws", _transport, Command, default);

        pool.Evict("ws");

        _connector.Sessions[0].Disposed.ShouldBeTrue();
        pool.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Disposing_the_pool_closes_every_session_and_refuses_new_work()
    {
        var pool = Pool();
        await pool.RunAsync("a", _transport, Command, default);
        await pool.RunAsync("b", _transport, Command, default);

        await pool.DisposeAsync();

        _connector.Sessions.ShouldAllBe(session => session.Disposed);
        _transport.Closed.ShouldBe(2);
        await Should.ThrowAsync<ObjectDisposedException>(() => pool.RunAsync("a", _transport, Command, default));
    }

    private SshSessionPool Pool(int idleSeconds = 60) =>
        new(Options.Create(new SshOptions { SessionIdleSeconds = idleSeconds }), _connector, _time, NullLogger<SshSessionPool>.Instance);
}
