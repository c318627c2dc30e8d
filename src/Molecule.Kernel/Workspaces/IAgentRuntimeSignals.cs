namespace Molecule.Kernel.Workspaces;

/// <summary>
/// What an agent's latest heartbeat declared about its runtime (capabilities, idle timeout). Kept in
/// memory by the registry; empty until the agent's first heartbeat after a server start.
/// </summary>
public interface IAgentRuntimeSignals
{
    /// <summary>The agent manages sessions itself: when busy, callers retry instead of queueing.</summary>
    public const string Session = "session";

    /// <summary>The agent reports its own health: error rates do not flip it degraded/online.</summary>
    public const string StatusManagement = "status_mgmt";

    bool HasCapability(Guid workspaceId, string capability);

    /// <summary>The agent's own A2A idle timeout, overriding the server default; null when it set none.</summary>
    TimeSpan? IdleTimeout(Guid workspaceId);
}
