using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Net;

namespace Molecule.A2A.Proxy;

/// <summary>
/// The SSRF rule for agent URLs (spec §4.5 step 7): loopback only in a dev environment, private
/// ranges in SaaS or dev, metadata/link-local/CGNAT/documentation never.
/// </summary>
internal sealed class TargetUrlPolicy(IOptions<PlatformOptions> platform)
{
    public OutboundUrlContext Context => new(
        AllowPrivateRanges: platform.Value.IsSaas || platform.Value.IsDevEnvironment,
        AllowLoopback: platform.Value.IsDevEnvironment);

    public async Task<bool> IsSafeAsync(string url, CancellationToken cancellationToken) =>
        await OutboundUrlGuard.CheckAsync(url, Context, cancellationToken) is null;
}
