namespace Molecule.Kernel.Compute;

/// <summary>
/// Provisioning settings other modules act on, owned by the Provisioner module: where new
/// workspaces are placed and how long a start may take before the timeout sweep fails it.
/// </summary>
public interface IProvisioningPolicy
{
    /// <summary>The backend a new workspace is created on (its <c>compute_backend</c>); existing workspaces keep theirs.</summary>
    Backend DefaultBackend { get; }

    /// <summary>How long a workspace of <paramref name="runtime"/> may stay <c>provisioning</c>.</summary>
    TimeSpan ProvisionTimeoutFor(string runtime);

    /// <summary>How often the provision-timeout sweep runs.</summary>
    TimeSpan TimeoutSweepInterval { get; }

    /// <summary>
    /// Null when a workspace of <paramref name="runtime"/> can be placed on <paramref name="backend"/>;
    /// otherwise what is missing, naming the configuration variables (a create answers it as 400).
    /// </summary>
    string? MissingConfiguration(Backend backend, string runtime) => null;
}
