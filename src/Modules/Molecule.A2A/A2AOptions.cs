using Microsoft.Extensions.Configuration;

namespace Molecule.A2A;

internal sealed class A2AOptions
{
    /// <summary>With no event from the target for this long, a forwarded call is treated as busy.</summary>
    [ConfigurationKeyName("A2A_IDLE_TIMEOUT_SECONDS")]
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Request bodies above this are refused with 413 (the reference silently cut them).</summary>
    [ConfigurationKeyName("A2A_MAX_BODY_BYTES")]
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>How much of an agent's answer is kept for the activity log and events.</summary>
    [ConfigurationKeyName("A2A_MAX_RESPONSE_BYTES")]
    public int MaxResponseBytes { get; set; } = 10 << 20;

    /// <summary>The most a workspace caller without X-Timeout may wait; canvas callers have no ceiling.</summary>
    [ConfigurationKeyName("A2A_CEILING_MINUTES")]
    public int CeilingMinutes { get; set; } = 30;

    /// <summary>How long a caller's passed token and hierarchy check for a target is reused; 0 checks every call.</summary>
    [ConfigurationKeyName("A2A_AUTH_CACHE_SECONDS")]
    public int AuthCacheSeconds { get; set; } = 10;

    /// <summary>How long a target's URL, status and budget are reused between calls; 0 reads them every call.</summary>
    [ConfigurationKeyName("A2A_TARGET_CACHE_MS")]
    public int TargetCacheMilliseconds { get; set; } = 1000;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan Ceiling => TimeSpan.FromMinutes(CeilingMinutes);
}
