using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Provisioning;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// What other modules may ask of a workspace's lifecycle: a status change through the status machine,
/// and auto-restart (the reference's RestartByID), used after secret and plugin changes and by
/// liveness. A restart already running for a workspace makes a second call return at once: callers
/// fire these on every change, and one restart picks up all of them.
/// </summary>
internal sealed partial class WorkspaceLifecycle(
    NpgsqlDataSource db,
    IWorkspaceDirectory directory,
    StatusTransitions transitions,
    WorkspaceRestarter restarter,
    WorkspaceProvisioner provisioner,
    ILogger<WorkspaceLifecycle> logger) : IWorkspaceLifecycle
{
    private readonly ConcurrentDictionary<Guid, byte> _restarting = new();

    public Task<WorkspaceRef?> TransitionAsync(Guid workspaceId, StatusChange change, CancellationToken cancellationToken = default) =>
        transitions.ApplyAsync(workspaceId, change, cancellationToken);

    public IReadOnlySet<WorkspaceStatus> AllowedFrom(WorkspaceTrigger trigger) => StatusMachine.For(trigger).From;

    public async Task<bool> RestartAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default)
    {
        if (!_restarting.TryAdd(workspaceId, 0))
        {
            LogDropped(workspaceId, reason);
            return false;
        }

        try
        {
            // A start still running would race the stop; the reference sleeps 10 s here, we wait for it.
            await provisioner.WhenSettledAsync(workspaceId).WaitAsync(cancellationToken);

            var workspace = await directory.FindAsync(workspaceId, cancellationToken);
            if (workspace is null || workspace.IsExternal || !StatusMachine.Allows(workspace.Status, WorkspaceTrigger.AutoRestart))
            {
                return false;
            }

            await using (var connection = await db.OpenConnectionAsync(cancellationToken))
            {
                if (await WorkspaceTree.PausedAncestorAsync(connection, workspaceId, cancellationToken) is not null)
                {
                    return false;
                }
            }

            var restarted = await restarter.RestartAsync(workspace, WorkspaceTrigger.AutoRestart, new ProvisionJob(workspaceId), cancellationToken);
            if (restarted)
            {
                LogRestarted(workspaceId, reason);
            }

            return restarted;
        }
        finally
        {
            _restarting.TryRemove(workspaceId, out _);
        }
    }

    public async Task<bool> WakeAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default)
    {
        // Shares the restart guard: many messages for a sleeping workspace wake it once.
        if (!_restarting.TryAdd(workspaceId, 0))
        {
            return false;
        }

        try
        {
            var workspace = await directory.FindAsync(workspaceId, cancellationToken);
            if (workspace is null || !StatusMachine.Allows(workspace.Status, WorkspaceTrigger.Wake))
            {
                return false;
            }

            var woken = await restarter.RestartAsync(workspace, WorkspaceTrigger.Wake, new ProvisionJob(workspaceId), cancellationToken);
            if (woken)
            {
                LogWoken(workspaceId, reason);
            }

            return woken;
        }
        finally
        {
            _restarting.TryRemove(workspaceId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "waking hibernated workspace {WorkspaceId}: {Reason}")]
    private partial void LogWoken(Guid workspaceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "auto-restart of workspace {WorkspaceId} ({Reason}) skipped: one is already running")]
    private partial void LogDropped(Guid workspaceId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "auto-restarting workspace {WorkspaceId}: {Reason}")]
    private partial void LogRestarted(Guid workspaceId, string reason);
}
