namespace Molecule.Kernel.Workspaces;

/// <summary>
/// Everything that can move a workspace from one status to another (spec/api-contract.md §5). Other
/// modules name one of these in <see cref="IWorkspaceLifecycle.TransitionAsync"/>; the Workspaces
/// status machine decides which statuses it may start from and which event it emits.
/// </summary>
public enum WorkspaceTrigger
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
    /// <summary>
    /// A heartbeat reporting <c>runtime_state=wedged</c> or an error rate ≥ 0.5. One heartbeat can report
    /// both, and each is announced, so the second starts from <c>degraded</c>.
    /// </summary>
    HeartbeatDegraded,
    /// <summary>A heartbeat from a degraded workspace with an error rate below 0.1.</summary>
    HeartbeatHealthy,
    /// <summary>The backend could not start the workspace, or its container died before its agent came up.</summary>
    ProvisionFailed,
    /// <summary>The provision-timeout sweep gave up waiting for the agent.</summary>
    ProvisionTimedOut,
    /// <summary>The control plane's bootstrap watcher reported a failed boot.</summary>
    BootstrapFailed,
    /// <summary>A live agent sent no register or heartbeat within the liveness TTL.</summary>
    LivenessExpired,
    /// <summary>
    /// The compute of a live agent is gone: its container exited, the reconcile pass found it not
    /// running, or an A2A call found it dead.
    /// </summary>
    ComputeDied,
    /// <summary>The container keeps dying: failed, so nothing restarts it again.</summary>
    CrashLooped,
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
