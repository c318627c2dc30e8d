using Dapper;
using Npgsql;

namespace Molecule.Provisioner.Docker;

/// <summary>The parts of a workspace row the container is built from beyond <see cref="Kernel.Workspaces.WorkspaceRef"/>.</summary>
internal sealed record WorkspaceContainerSettings(
    string? WorkspaceDir, string? WorkspaceAccess, string? AwarenessNamespace, string? Role, string? Model);

internal sealed class WorkspaceSettingsReader(NpgsqlDataSource db)
{
    /// <summary>The row's settings; all empty when the row is gone (the start is then discarded by its caller).</summary>
    public async Task<WorkspaceContainerSettings> ReadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WorkspaceContainerSettings>(new CommandDefinition(
            """
            SELECT w.workspace_dir AS WorkspaceDir, w.workspace_access AS WorkspaceAccess,
                   w.awareness_namespace AS AwarenessNamespace, w.role AS Role, c.data->>'model' AS Model
            FROM workspaces w LEFT JOIN workspace_config c ON c.workspace_id = w.id
            WHERE w.id = @workspaceId
            """,
            new { workspaceId },
            cancellationToken: cancellationToken)) ?? new WorkspaceContainerSettings(null, null, null, null, null);
    }
}
