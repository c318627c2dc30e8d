using Molecule.Testing;
using Microsoft.Extensions.Options;
using Molecule.Registry;
using Molecule.Registry.Gates;

namespace Molecule.Tests.Registry;

public sealed class HeartbeatPassCacheTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-22T00:00:00Z"));

    private HeartbeatPassCache Cache(int seconds) =>
        new(Options.Create(new RegistryOptions { HeartbeatAuthCacheSeconds = seconds }), _clock);

    [Fact]
    public void A_pass_is_reused_for_the_same_workspace_and_bearer_until_the_ttl_runs_out()
    {
        var cache = Cache(10);
        var id = Guid.NewGuid();
        cache.Remember(id, "token-a");

        cache.RecentlyPassed(id, "token-a").ShouldBeTrue();
        cache.RecentlyPassed(id, "token-b").ShouldBeFalse();
        cache.RecentlyPassed(id, null).ShouldBeFalse();
        cache.RecentlyPassed(Guid.NewGuid(), "token-a").ShouldBeFalse();

        _clock.Advance(TimeSpan.FromSeconds(10));
        cache.RecentlyPassed(id, "token-a").ShouldBeFalse();
    }

    [Fact]
    public void A_ttl_of_zero_checks_every_heartbeat()
    {
        var cache = Cache(0);
        var id = Guid.NewGuid();
        cache.Remember(id, null);

        cache.RecentlyPassed(id, null).ShouldBeFalse();
    }
}
