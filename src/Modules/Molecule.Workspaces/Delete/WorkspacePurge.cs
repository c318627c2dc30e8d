using Dapper;
using Npgsql;

namespace Molecule.Workspaces.Delete;

/// <summary>
/// Hard-deletes workspaces and every row that belongs to them. Several foreign keys have no
/// ON DELETE CASCADE (agents, secrets, approvals, memories), so the order here is what makes the
/// final delete succeed; the cascading tables are listed too so nothing depends on schema details.
/// </summary>
internal static class WorkspacePurge
{
    private static readonly string[] DependentTables =
    [
        "agents", "workspace_secrets", "approval_requests", "agent_memories", "activity_logs",
        "workspace_schedules", "workspace_channels", "workspace_auth_tokens", "workspace_token_usage",
        "workspace_memory", "workspace_config", "canvas_layouts", "workspace_artifacts", "audit_events",
        "a2a_queue", "workflow_checkpoints",
    ];

    public static async Task PurgeAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> workspaceIds, CancellationToken cancellationToken)
    {
        var ids = workspaceIds.ToArray();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in DependentTables)
        {
            await ExecuteAsync($"DELETE FROM {table} WHERE workspace_id = ANY(@ids)");
        }

        await ExecuteAsync("DELETE FROM org_plugin_allowlist WHERE org_id = ANY(@ids)");
        await ExecuteAsync("UPDATE org_api_tokens SET org_id = NULL WHERE org_id = ANY(@ids)");

        // Rows outside the purged tree may still point into it (a child re-parented away and back, a forward).
        await ExecuteAsync("UPDATE workspaces SET parent_id = NULL WHERE parent_id = ANY(@ids) AND NOT id = ANY(@ids)");
        await ExecuteAsync("UPDATE workspaces SET forwarded_to = NULL WHERE forwarded_to = ANY(@ids)");
        await ExecuteAsync("DELETE FROM workspaces WHERE id = ANY(@ids)");
        await transaction.CommitAsync(cancellationToken);

        Task ExecuteAsync(string sql) =>
            connection.ExecuteAsync(new CommandDefinition(sql, new { ids }, transaction, cancellationToken: cancellationToken));
    }
}
