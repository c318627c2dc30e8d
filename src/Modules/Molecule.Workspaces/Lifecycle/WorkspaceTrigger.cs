namespace Molecule.Workspaces.Lifecycle;

/// <summary>Everything that can move a workspace from one status to another (spec/api-contract.md §5).</summary>
internal enum WorkspaceTrigger
{
    /// <summary>POST /workspaces inserts the row.</summary>
    Created,
    /// <summary>External create with a URL: the agent is already reachable.</summary>
    ExternalReachable,
    /// <summary>External create without a URL: waiting for the agent's first register.</summary>
    ExternalAwaitingAgent,
    /// <summary>POST /registry/register.</summary>
    Registered,
    /// <summary>A heartbeat from a provisioning or offline workspace.</summary>
    HeartbeatRecovered,
    /// <summary>A heartbeat reporting <c>runtime_state=wedged</c> or an error rate ≥ 0.5.</summary>
    HeartbeatDegraded,
    /// <summary>A heartbeat from a degraded workspace with an error rate below 0.1.</summary>
    HeartbeatHealthy,
    /// <summary>The backend could not start the workspace.</summary>
    ProvisionFailed,
    /// <summary>The provision-timeout sweep gave up waiting for the agent.</summary>
    ProvisionTimedOut,
    /// <summary>The control plane's bootstrap watcher reported a failed boot.</summary>
    BootstrapFailed,
    /// <summary>No register or heartbeat within the liveness TTL.</summary>
    LivenessExpired,
    /// <summary>The health sweep found the compute gone.</summary>
    ComputeDied,
    /// <summary>POST /workspaces/:id/restart.</summary>
    Restart,
    /// <summary>Auto-restart (secret change, plugin change, liveness expiry).</summary>
    AutoRestart,
    Pause,
    Resume,
    /// <summary>The atomic claim that starts a hibernation.</summary>
    HibernateClaimed,
    /// <summary>The compute is stopped: the hibernation is complete.</summary>
    Hibernated,
    /// <summary>The compute could not be stopped: the claim is released.</summary>
    HibernateAborted,
    /// <summary>A message for a hibernated workspace wakes it.</summary>
    Wake,
    /// <summary>DELETE /workspaces/:id or team collapse.</summary>
    Remove,
}
