using Npgsql;
using NpgsqlTypes;

namespace Molecule.Testing;

/// <summary>Inserting workspace rows directly, for arranging any area's tests.</summary>
public static class WorkspaceSeeding
{
    /// <summary>Inserts a workspace row and returns its id.</summary>
    public static async Task<Guid> SeedWorkspaceAsync(this MoleculeApp app, string name = "test-workspace", string status = "online",
        Guid? parent = null, string? url = null, string runtime = "langgraph", DateTimeOffset? lastHeartbeat = null)
    {
        await using var command = app.Db.CreateCommand(
            """
            INSERT INTO workspaces (name, status, parent_id, url, runtime, last_heartbeat_at)
            VALUES ($1, $2::workspace_status, $3, $4, $5, $6) RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)parent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)url ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = runtime });
        command.Parameters.Add(new NpgsqlParameter { Value = lastHeartbeat ?? DateTimeOffset.UtcNow, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
