namespace Molecule.Provisioner.Docker;

/// <summary>Operator overrides of the tier 2–4 caps (TIER{2,3,4}_MEMORY_MB / _CPU_SHARES); null keeps the default.</summary>
internal sealed record TierOverrides(
    int? Tier2MemoryMb = null,
    int? Tier3MemoryMb = null,
    int? Tier4MemoryMb = null,
    int? Tier2CpuShares = null,
    int? Tier3CpuShares = null,
    int? Tier4CpuShares = null);

/// <summary>
/// What a workspace tier allows (spec/backends.md §1.3). 1 is sandboxed (config mount only,
/// read-only root, small noexec /tmp, no caps); 2 — and 0 or any unknown tier — is standard;
/// 3 is privileged with the host's PID namespace; 4 adds the host network and the Docker socket.
/// </summary>
internal sealed record TierLimits(
    bool Sandboxed,
    long? MemoryBytes,
    long? NanoCpus,
    bool Privileged,
    bool HostPid,
    bool HostNetwork,
    bool MountsDockerSocket)
{
    public const string SandboxTmpfsOptions = "rw,noexec,nosuid,size=64m";

    private const long Mebibyte = 1024 * 1024;

    public static TierLimits For(int tier, TierOverrides overrides) => tier switch
    {
        1 => new(Sandboxed: true, null, null, Privileged: false, HostPid: false, HostNetwork: false, MountsDockerSocket: false),
        3 => Capped(overrides.Tier3MemoryMb ?? 2048, overrides.Tier3CpuShares ?? 2048) with { Privileged = true, HostPid = true },
        4 => Capped(overrides.Tier4MemoryMb ?? 4096, overrides.Tier4CpuShares ?? 4096) with
        {
            Privileged = true, HostPid = true, HostNetwork = true, MountsDockerSocket = true,
        },
        _ => Capped(overrides.Tier2MemoryMb ?? 512, overrides.Tier2CpuShares ?? 1024),
    };

    /// <summary>CPU shares are a hard cap in the reference: 1024 shares = one CPU.</summary>
    public static long NanoCpusForShares(int shares) => shares * 1_000_000_000L / 1024;

    private static TierLimits Capped(int memoryMb, int cpuShares) =>
        new(Sandboxed: false, memoryMb * Mebibyte, NanoCpusForShares(cpuShares), Privileged: false, HostPid: false, HostNetwork: false, MountsDockerSocket: false);
}
