using Molecule.Kernel.Workspaces;

namespace Molecule.Provisioner.Health;

/// <summary>What a container exit we did not cause means for its workspace.</summary>
internal enum ExitAction
{
    /// <summary>The row does not expect a running agent (paused, failed, removed, …) or is not ours.</summary>
    Ignore,

    /// <summary>A live agent died: offline, then the auto-restart policy.</summary>
    MarkOffline,

    /// <summary>It died before its agent ever came up: the start failed.</summary>
    FailStart,

    /// <summary>It keeps dying: failed, and no further restarts.</summary>
    FailCrashLoop,
}

internal static class ExitDecision
{
    /// <summary>This many exits inside <see cref="Window"/> stop the auto-restarts.</summary>
    public const int RepeatedExits = 3;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public static ExitAction For(WorkspaceHealthRow? row, int exitsInWindow)
    {
        if (row is null || !row.RunsOnDocker)
        {
            return ExitAction.Ignore;
        }

        return row.ParsedStatus switch
        {
            WorkspaceStatus.Provisioning => ExitAction.FailStart,
            WorkspaceStatus.Online or WorkspaceStatus.Degraded when exitsInWindow >= RepeatedExits => ExitAction.FailCrashLoop,
            WorkspaceStatus.Online or WorkspaceStatus.Degraded => ExitAction.MarkOffline,
            _ => ExitAction.Ignore,
        };
    }
}
