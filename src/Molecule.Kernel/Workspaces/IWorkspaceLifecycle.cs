namespace Molecule.Kernel.Workspaces;

/// <summary>Lifecycle transitions other modules may ask for; implemented by Workspaces.</summary>
public interface IWorkspaceLifecycle
{
    /// <summary>
    /// The one way a workspace's status changes (ARCHITECTURE.md §4): one UPDATE guarded by the
    /// statuses the status machine lets <see cref="StatusChange.Trigger"/> start from, then the
    /// trigger's event recorded in <c>structure_events</c> and broadcast. Returns the row as written,
    /// or null when the guard did not match (unknown workspace, or its status had moved on): then
    /// nothing was written and no event went out.
    /// </summary>
    Task<WorkspaceRef?> TransitionAsync(Guid workspaceId, StatusChange change, CancellationToken cancellationToken = default);

    /// <summary>The statuses the status machine lets <paramref name="trigger"/> start from.</summary>
    IReadOnlySet<WorkspaceStatus> AllowedFrom(WorkspaceTrigger trigger);

    /// <summary>
    /// The reference's RestartByID: stop and re-provision from the existing volume. Skips removed,
    /// paused, hibernated and external workspaces; a restart already running for the workspace
    /// makes this call a no-op. Returns whether a restart was started.
    /// </summary>
    Task<bool> RestartAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Wakes a hibernated workspace: re-provisions it from its existing volume/disk. The reference's
    /// RestartByID skipped hibernated rows, so nothing ever woke; this does, on both backends.
    /// Returns whether a wake was started.
    /// </summary>
    Task<bool> WakeAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default);
}
