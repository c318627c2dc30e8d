using Microsoft.Extensions.Options;
using Molecule.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

public sealed class EicConnectionPoolTests
{
    private readonly EicConnectionPool _pool = new(Options.Create(new EicTunnelOptions()));

    [Fact]
    public void Twenty_connections_per_endpoint_are_allowed_and_the_21st_is_refused_until_one_is_released()
    {
        var leases = Enumerable.Range(0, 20).Select(_ => _pool.TryAcquire("eice-a")).ToList();

        leases.ShouldAllBe(lease => lease != null);
        _pool.TryAcquire("eice-a").ShouldBeNull();

        leases[0]!.Dispose();
        leases[0]!.Dispose(); // a second dispose must not free a second slot
        _pool.InUse("eice-a").ShouldBe(19);
        var again = _pool.TryAcquire("eice-a");
        again.ShouldNotBeNull();
        _pool.TryAcquire("eice-a").ShouldBeNull();
    }

    [Fact]
    public void Each_endpoint_has_its_own_limit()
    {
        for (var i = 0; i < 20; i++)
        {
            _pool.TryAcquire("eice-a").ShouldNotBeNull();
        }

        _pool.TryAcquire("eice-b").ShouldNotBeNull();
        _pool.InUse("eice-b").ShouldBe(1);
    }
}
