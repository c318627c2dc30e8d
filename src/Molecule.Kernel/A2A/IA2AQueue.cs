namespace Molecule.Kernel.A2A;

/// <summary>A2A messages that found their target busy wait here until it has room.</summary>
public interface IA2AQueue
{
    /// <summary>
    /// Dispatches the next queued message for the workspace (highest priority, then oldest) in the
    /// background. Called when a heartbeat shows the agent has a free slot.
    /// </summary>
    void DrainOneInBackground(Guid workspaceId);
}
