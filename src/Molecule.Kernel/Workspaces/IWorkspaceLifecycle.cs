namespace Molecule.Kernel.Workspaces;

/// <summary>Lifecycle transitions other modules may ask for; implemented by Workspaces.</summary>
public interface IWorkspaceLifecycle
{
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
