namespace Molecule.Kernel.Workspaces;

/// <summary>
/// Every status a workspace row can hold. The reference's database enum lacks
/// <see cref="AwaitingAgent"/> and <see cref="Hibernating"/> although its code writes them;
/// ours has all ten (ARCHITECTURE.md §9.2).
/// </summary>
public enum WorkspaceStatus
{
    Provisioning,
    Online,
    Offline,
    Degraded,
    Failed,
    Removed,
    Paused,
    Hibernated,
    AwaitingAgent,
    Hibernating,
}

public static class WorkspaceStatuses
{
    private static readonly string[] WireNames =
    [
        "provisioning", "online", "offline", "degraded", "failed",
        "removed", "paused", "hibernated", "awaiting_agent", "hibernating",
    ];

    public static string ToWire(this WorkspaceStatus status) => WireNames[(int)status];

    public static bool TryParse(string? wire, out WorkspaceStatus status)
    {
        var index = Array.IndexOf(WireNames, wire);
        status = index < 0 ? default : (WorkspaceStatus)index;
        return index >= 0;
    }

    public static WorkspaceStatus Parse(string wire) =>
        TryParse(wire, out var status) ? status : throw new FormatException($"unknown workspace status '{wire}'");
}
