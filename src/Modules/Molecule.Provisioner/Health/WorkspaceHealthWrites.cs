using Dapper;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Provisioner.Health;

/// <summary>What the container watchers need to know about a workspace row.</summary>
internal sealed record WorkspaceHealthRow(Guid Id, string Status, string? InstanceId, string? Runtime)
{
    public WorkspaceStatus? ParsedStatus => WorkspaceStatuses.TryParse(Status, out var status) ? status : null;

    /// <summary>Only rows without an instance and not run by someone else have a container here.</summary>
    public bool RunsOnDocker => string.IsNullOrWhiteSpace(InstanceId) && Runtime != "external";
}

/// <summary>
/// The status changes the container watchers make, each an UPDATE guarded by the statuses it may
/// start from (the Workspaces status machine's rows for a dead container and a failed start), so a
/// restart, pause or delete that got there first wins.
/// </summary>
internal sealed class WorkspaceHealthWrites(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly string[] Live = ["online", "degraded"];
    private static readonly string[] Starting = ["provisioning"];
    private static readonly string[] Running = ["provisioning", "online", "degraded", "offline"];

    public async Task<WorkspaceHealthRow?> ReadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WorkspaceHealthRow>(new CommandDefinition(
            "SELECT id AS Id, status::text AS Status, instance_id AS InstanceId, runtime AS Runtime FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Rows of these ids (and of these 12-character id prefixes, for containers named but not labelled).</summary>
    public async Task<IReadOnlyList<WorkspaceHealthRow>> ReadManyAsync(
        IReadOnlyCollection<Guid> ids, IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkspaceHealthRow>(new CommandDefinition(
            """
            SELECT id AS Id, status::text AS Status, instance_id AS InstanceId, runtime AS Runtime FROM workspaces
            WHERE id = ANY(@ids) OR left(id::text, 12) = ANY(@prefixes)
            """,
            new { ids = ids.ToArray(), prefixes = prefixes.ToArray() },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Docker workspaces that have claimed a live agent, so a running container, since before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<Guid>> LiveDockerWorkspacesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT id FROM workspaces
            WHERE status IN ('online', 'degraded') AND COALESCE(instance_id, '') = '' AND COALESCE(runtime, '') <> 'external'
              AND updated_at <= @before
            """,
            new { before },
            cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>online/degraded → offline with why; false when the row had moved on.</summary>
    public Task<bool> MarkOfflineAsync(Guid workspaceId, string error, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, "offline", Live, error, cancellationToken);

    /// <summary>A start that died before its agent came up: provisioning → failed.</summary>
    public Task<bool> MarkStartFailedAsync(Guid workspaceId, string error, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, "failed", Starting, error, cancellationToken);

    /// <summary>A container that keeps dying: any running status → failed, so nothing restarts it again.</summary>
    public Task<bool> MarkCrashLoopingAsync(Guid workspaceId, string error, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, "failed", Running, error, cancellationToken);

    private async Task<bool> ApplyAsync(Guid workspaceId, string to, string[] from, string error, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE workspaces SET status = @to::workspace_status, last_sample_error = @error, updated_at = @now
            WHERE id = @workspaceId AND status = ANY(@from::workspace_status[]) AND COALESCE(instance_id, '') = ''
            """,
            new { workspaceId, to, from, error, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return changed == 1;
    }
}
