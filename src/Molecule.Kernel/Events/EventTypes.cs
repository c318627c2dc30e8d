namespace Molecule.Kernel.Events;

/// <summary>The reference's event names (spec/api-contract.md §6).</summary>
public static class EventTypes
{
    public const string WorkspaceProvisioning = "WORKSPACE_PROVISIONING";
    public const string WorkspaceOnline = "WORKSPACE_ONLINE";
    public const string WorkspaceAwaitingAgent = "WORKSPACE_AWAITING_AGENT";
    public const string WorkspaceOffline = "WORKSPACE_OFFLINE";
    public const string WorkspaceDegraded = "WORKSPACE_DEGRADED";
    public const string WorkspaceProvisionFailed = "WORKSPACE_PROVISION_FAILED";
    public const string WorkspaceRemoved = "WORKSPACE_REMOVED";
    public const string WorkspacePaused = "WORKSPACE_PAUSED";
    public const string WorkspaceHibernated = "WORKSPACE_HIBERNATED";
    public const string WorkspaceExpanded = "WORKSPACE_EXPANDED";
    public const string WorkspaceCollapsed = "WORKSPACE_COLLAPSED";
    public const string WorkspaceHeartbeat = "WORKSPACE_HEARTBEAT";
    public const string AgentCardUpdated = "AGENT_CARD_UPDATED";
    public const string TaskUpdated = "TASK_UPDATED";
    public const string ActivityLogged = "ACTIVITY_LOGGED";
    public const string A2AResponse = "A2A_RESPONSE";
    public const string AgentMessage = "AGENT_MESSAGE";

    /// <summary>Ours, not the reference's: provisioning progress (pulling image, creating, starting).</summary>
    public const string WorkspaceProvisionProgress = "WORKSPACE_PROVISION_PROGRESS";
}
