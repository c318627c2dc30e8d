using Molecule.Auth.OrgTokens;

namespace Molecule.Tests.Auth;

public sealed class FixedWindowRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 4, 27, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Allows_the_limit_then_refuses_until_the_window_has_passed()
    {
        var clock = new ManualClock();
        var limiter = new FixedWindowRateLimiter(3, TimeSpan.FromHours(1), clock);

        limiter.Acquire("10.0.0.1").ShouldBe(new RateLimitDecision(true, 3, 2, TimeSpan.FromHours(1)));
        limiter.Acquire("10.0.0.1").Remaining.ShouldBe(1);
        limiter.Acquire("10.0.0.1").Allowed.ShouldBeTrue();

        clock.Now += TimeSpan.FromMinutes(59);
        var refused = limiter.Acquire("10.0.0.1");
        refused.Allowed.ShouldBeFalse();
        refused.Remaining.ShouldBe(0);
        refused.ResetIn.ShouldBe(TimeSpan.FromMinutes(1));

        clock.Now += TimeSpan.FromMinutes(1);
        limiter.Acquire("10.0.0.1").ShouldBe(new RateLimitDecision(true, 3, 2, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Clients_have_separate_windows()
    {
        var limiter = new FixedWindowRateLimiter(1, TimeSpan.FromHours(1), new ManualClock());

        limiter.Acquire("a").Allowed.ShouldBeTrue();
        limiter.Acquire("a").Allowed.ShouldBeFalse();
        limiter.Acquire("b").Allowed.ShouldBeTrue();
    }
}
