using Microsoft.Extensions.Configuration;

namespace Molecule.Registry;

internal sealed class RegistryOptions
{
    /// <summary>A workspace with no register or heartbeat for this long is marked offline.</summary>
    [ConfigurationKeyName("LIVENESS_TTL_SECONDS")]
    public int LivenessTtlSeconds { get; set; } = 180;

    /// <summary>How often the liveness sweep looks for silent workspaces.</summary>
    [ConfigurationKeyName("LIVENESS_SWEEP_SECONDS")]
    public int LivenessSweepSeconds { get; set; } = 15;

    public TimeSpan LivenessTtl => TimeSpan.FromSeconds(LivenessTtlSeconds);

    public TimeSpan LivenessSweepInterval => TimeSpan.FromSeconds(LivenessSweepSeconds);
}
