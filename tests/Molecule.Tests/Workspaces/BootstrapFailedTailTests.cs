using System.Text;
using Molecule.Workspaces.BootstrapFailed;

namespace Molecule.Tests.Workspaces;

public sealed class BootstrapFailedTailTests
{
    [Fact]
    public void A_short_tail_is_kept_whole()
    {
        BootstrapFailedEndpoint.LastBytes("boot log", 8192).ShouldBe("boot log");
    }

    [Fact]
    public void A_long_tail_keeps_its_last_bytes_marked_as_truncated()
    {
        var tail = BootstrapFailedEndpoint.LastBytes(new string('a', 100) + new string('€', 5000), 8192);

        tail.ShouldStartWith("...(truncated)...\n€");
        Encoding.UTF8.GetByteCount(tail["...(truncated)...\n".Length..]).ShouldBeLessThanOrEqualTo(8192);
        tail.ShouldEndWith("€€€");
    }
}
