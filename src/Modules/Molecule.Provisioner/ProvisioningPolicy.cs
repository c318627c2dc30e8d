using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;
using Molecule.Provisioner.Ec2;

namespace Molecule.Provisioner;

/// <summary>The reference's provision timeouts: 10 minutes, 30 for hermes, one override for all.</summary>
internal sealed class ProvisioningPolicy(IOptions<ProvisionerOptions> options, IServiceProvider services) : IProvisioningPolicy
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    // hermes installs its toolchain on first boot and routinely needs longer than other runtimes.
    private static readonly TimeSpan HermesTimeout = TimeSpan.FromMinutes(30);

    public Backend DefaultBackend => options.Value.ParsedDefaultBackend;

    public TimeSpan TimeoutSweepInterval => TimeSpan.FromSeconds(options.Value.TimeoutSweepIntervalSeconds);

    public TimeSpan ProvisionTimeoutFor(string runtime) => options.Value.ProvisionTimeoutSeconds is { } seconds
        ? TimeSpan.FromSeconds(seconds)
        : runtime == "hermes" ? HermesTimeout : DefaultTimeout;

    /// <summary>
    /// Docker needs nothing up front (an absent engine is the start's failure, as in the reference);
    /// EC2 needs its variables. The readiness check is resolved lazily: it needs the runtime
    /// registry, which a host without EC2 use never has to ask.
    /// </summary>
    public string? MissingConfiguration(Backend backend, string runtime) =>
        backend == Backend.Ec2 ? services.GetRequiredService<Ec2Readiness>().Problem(runtime) : null;
}
