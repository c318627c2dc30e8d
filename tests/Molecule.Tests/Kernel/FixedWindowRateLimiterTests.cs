using Microsoft.Extensions.Time.Testing;
using Molecule.Kernel.Http;

namespace Molecule.Tests.Kernel;

public sealed class FixedWindowRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Allows_the_limit_then_refuses_until_the_window_has_passed()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FixedWindowRateLimiter(3, Minute, clock, maxClients: 10);

        var decisions = Enumerable.Range(0, 4).Select(_ => limiter.Acquire("10.0.0.1")).ToList();

        decisions.Select(d => d.Allowed).ShouldBe([true, true, true, false]);
        decisions.Select(d => d.Remaining).ShouldBe([2, 1, 0, 0]);
        decisions[3].ResetSeconds.ShouldBe(60);

        clock.Advance(TimeSpan.FromSeconds(59.5));
        var stillRefused = limiter.Acquire("10.0.0.1");
        stillRefused.Allowed.ShouldBeFalse();
        stillRefused.ResetSeconds.ShouldBe(1);

        clock.Advance(TimeSpan.FromSeconds(0.5));
        var refilled = limiter.Acquire("10.0.0.1");
        refilled.Allowed.ShouldBeTrue();
        refilled.Remaining.ShouldBe(2);
    }

    [Fact]
    public void The_window_opens_at_the_first_request_not_on_the_minute()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FixedWindowRateLimiter(1, Minute, clock, maxClients: 10);
        clock.Advance(TimeSpan.FromSeconds(45));

        limiter.Acquire("a").Allowed.ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(30));
        var refused = limiter.Acquire("a");

        refused.Allowed.ShouldBeFalse();
        refused.ResetSeconds.ShouldBe(30);
    }

    [Fact]
    public void Clients_are_counted_separately()
    {
        var limiter = new FixedWindowRateLimiter(1, Minute, new FakeTimeProvider(), maxClients: 10);

        limiter.Acquire("a").Allowed.ShouldBeTrue();
        limiter.Acquire("b").Allowed.ShouldBeTrue();
        limiter.Acquire("a").Allowed.ShouldBeFalse();
    }

    [Fact]
    public void Expired_windows_are_swept_so_memory_stays_bounded()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FixedWindowRateLimiter(5, Minute, clock, maxClients: 100);
        for (var i = 0; i < 50; i++)
        {
            limiter.Acquire($"10.0.0.{i}");
        }

        limiter.TrackedClients.ShouldBe(50);
        clock.Advance(Minute);
        limiter.Acquire("10.0.1.1");

        limiter.TrackedClients.ShouldBe(1);
    }

    [Fact]
    public void Beyond_the_client_cap_new_clients_share_one_overflow_window()
    {
        var limiter = new FixedWindowRateLimiter(2, Minute, new FakeTimeProvider(), maxClients: 3);
        for (var i = 0; i < 3; i++)
        {
            limiter.Acquire($"known-{i}");
        }

        limiter.Acquire("new-1").Allowed.ShouldBeTrue();
        limiter.Acquire("new-2").Allowed.ShouldBeTrue();
        limiter.Acquire("new-3").Allowed.ShouldBeFalse();

        limiter.TrackedClients.ShouldBe(4);
        limiter.Acquire("known-0").Allowed.ShouldBeTrue();
    }

    [Fact]
    public void A_hammering_client_never_overflows_its_counter()
    {
        var window = new FixedWindow(DateTimeOffset.UnixEpoch);
        RateLimitDecision last = default;
        for (var i = 0; i < 1000; i++)
        {
            last = window.Hit(DateTimeOffset.UnixEpoch, int.MaxValue - 1, Minute);
        }

        last.Allowed.ShouldBeTrue();
        last.Remaining.ShouldBe(int.MaxValue - 1001);
    }
}
