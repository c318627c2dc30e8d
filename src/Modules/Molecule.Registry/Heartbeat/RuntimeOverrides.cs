using System.Collections.Concurrent;
using Molecule.Kernel.Workspaces;

namespace Molecule.Registry.Heartbeat;

/// <summary>What the agent's last heartbeat said about its runtime.</summary>
internal sealed record RuntimeOverride(IReadOnlyDictionary<string, bool> Capabilities, int? IdleTimeoutSeconds)
{
    public bool Has(string capability) => Capabilities.TryGetValue(capability, out var on) && on;
}

/// <summary>
/// Per-workspace runtime overrides from heartbeats, in memory as in the reference (lost on restart;
/// the next heartbeat restores them). A heartbeat without metadata clears them.
/// </summary>
internal sealed class RuntimeOverrides : IAgentRuntimeSignals
{

    private readonly ConcurrentDictionary<Guid, RuntimeOverride> _byWorkspace = new();

    public RuntimeOverride? For(Guid workspaceId) => _byWorkspace.GetValueOrDefault(workspaceId);

    public bool HasCapability(Guid workspaceId, string capability) => For(workspaceId)?.Has(capability) ?? false;

    public TimeSpan? IdleTimeout(Guid workspaceId) =>
        For(workspaceId)?.IdleTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    public void Store(Guid workspaceId, RuntimeMetadata? metadata)
    {
        if (metadata is null)
        {
            _byWorkspace.TryRemove(workspaceId, out _);
            return;
        }

        _byWorkspace[workspaceId] = new RuntimeOverride(
            metadata.Capabilities ?? new Dictionary<string, bool>(),
            metadata.IdleTimeoutSeconds is > 0 ? metadata.IdleTimeoutSeconds : null);
    }
}
