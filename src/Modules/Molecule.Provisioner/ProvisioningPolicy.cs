using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;

namespace Molecule.Provisioner;

/// <summary>The reference's provision timeouts: 10 minutes, 30 for hermes, one override for all.</summary>
internal sealed class ProvisioningPolicy(IOptions<ProvisionerOptions> options) : IProvisioningPolicy
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    // hermes installs its toolchain on first boot and routinely needs longer than other runtimes.
    private static readonly TimeSpan HermesTimeout = TimeSpan.FromMinutes(30);

    public Backend DefaultBackend => options.Value.ParsedDefaultBackend;

    public TimeSpan TimeoutSweepInterval => TimeSpan.FromSeconds(options.Value.TimeoutSweepIntervalSeconds);

    public TimeSpan ProvisionTimeoutFor(string runtime) => options.Value.ProvisionTimeoutSeconds is { } seconds
        ? TimeSpan.FromSeconds(seconds)
        : runtime == "hermes" ? HermesTimeout : DefaultTimeout;
}
