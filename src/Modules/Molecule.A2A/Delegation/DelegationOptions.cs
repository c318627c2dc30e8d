using Microsoft.Extensions.Configuration;

namespace Molecule.A2A.Delegation;

internal sealed class DelegationOptions
{
    /// <summary>
    /// How long a delegation waits before its one retry after a transient failure (the reference
    /// hard-codes 8 s; ours is configurable so tests need not wait).
    /// </summary>
    [ConfigurationKeyName("DELEGATION_RETRY_DELAY_MS")]
    public int RetryDelayMilliseconds { get; set; } = 8000;

    public TimeSpan RetryDelay => TimeSpan.FromMilliseconds(RetryDelayMilliseconds);
}
