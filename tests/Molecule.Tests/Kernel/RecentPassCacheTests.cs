using Microsoft.Extensions.Time.Testing;
using Molecule.Kernel.Auth;

namespace Molecule.Tests.Kernel;

public sealed class RecentPassCacheTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_pass_is_reused_for_the_same_subject_scope_and_bearer_until_the_ttl_runs_out()
    {
        var cache = new RecentPassCache(TimeSpan.FromSeconds(10), _clock);
        var (caller, target) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(caller, target, "token-a");

        cache.RecentlyPassed(caller, target, "token-a").ShouldBeTrue();
        cache.RecentlyPassed(caller, target, "token-b").ShouldBeFalse();
        cache.RecentlyPassed(caller, target, null).ShouldBeFalse();
        cache.RecentlyPassed(caller, Guid.NewGuid(), "token-a").ShouldBeFalse();
        cache.RecentlyPassed(Guid.NewGuid(), target, "token-a").ShouldBeFalse();

        _clock.Advance(TimeSpan.FromSeconds(10));
        cache.RecentlyPassed(caller, target, "token-a").ShouldBeFalse();
    }

    [Fact]
    public void A_ttl_of_zero_checks_every_time()
    {
        var cache = new RecentPassCache(TimeSpan.Zero, _clock);
        var id = Guid.NewGuid();
        cache.Remember(id, Guid.Empty, null);

        cache.RecentlyPassed(id, Guid.Empty, null).ShouldBeFalse();
    }

    [Fact]
    public void The_table_stays_bounded()
    {
        var cache = new RecentPassCache(TimeSpan.FromMinutes(1), _clock, maxEntries: 3);
        var first = Guid.NewGuid();
        cache.Remember(first, Guid.Empty, null);
        for (var i = 0; i < 3; i++)
        {
            cache.Remember(Guid.NewGuid(), Guid.Empty, null);
        }

        cache.RecentlyPassed(first, Guid.Empty, null).ShouldBeFalse();
    }
}
