using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Secrets.Restarts;

/// <summary>
/// Restarts workspaces after their environment changed, without holding up the response: a
/// container receives its secrets when it is created, so a new value only arrives with a restart.
/// </summary>
internal sealed partial class SecretRestarts(
    IWorkspaceLifecycle lifecycle,
    NpgsqlDataSource db,
    IHostApplicationLifetime lifetime,
    ILogger<SecretRestarts> logger)
{
    public void RestartWorkspace(Guid workspaceId, string reason) =>
        RunDetached(cancellationToken => RestartAsync(workspaceId, reason, cancellationToken));

    /// <summary>
    /// Restarts every workspace that picks this global up: not removed or paused, not external,
    /// and without its own secret of the same key.
    /// </summary>
    public void RestartWorkspacesUsingGlobal(string key, string reason) =>
        RunDetached(async cancellationToken =>
        {
            var targets = await WorkspacesUsingGlobalAsync(key, cancellationToken);
            await Task.WhenAll(targets.Select(id => RestartAsync(id, reason, cancellationToken)));
        });

    private void RunDetached(Func<CancellationToken, Task> work)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await work(stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // The host is shutting down; the restarts are moot.
                }
                catch (Exception exception)
                {
                    // Nobody awaits this task: whatever went wrong must end up in the log.
                    LogDetachedFailed(exception);
                }
            },
            stopping);
    }

    private async Task RestartAsync(Guid workspaceId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var started = await lifecycle.RestartAsync(workspaceId, reason, cancellationToken);
            LogRestartRequested(workspaceId, reason, started);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed restart must not take the others down; the lifecycle reports its own detail.
            LogRestartFailed(exception, workspaceId, reason);
        }
    }

    private async Task<IReadOnlyList<Guid>> WorkspacesUsingGlobalAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT w.id FROM workspaces w
            WHERE w.status NOT IN ('removed', 'paused')
              AND COALESCE(w.runtime, '') <> 'external'
              AND NOT EXISTS (SELECT 1 FROM workspace_secrets s WHERE s.workspace_id = w.id AND s.key = @key)
            """,
            new { key },
            cancellationToken: cancellationToken));
        return ids.AsList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "restart of workspace {WorkspaceId} requested ({Reason}); started: {Started}")]
    private partial void LogRestartRequested(Guid workspaceId, string reason, bool started);

    [LoggerMessage(Level = LogLevel.Error, Message = "restart of workspace {WorkspaceId} ({Reason}) failed")]
    private partial void LogRestartFailed(Exception exception, Guid workspaceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "restarting workspaces after a secret change failed")]
    private partial void LogDetachedFailed(Exception exception);
}
