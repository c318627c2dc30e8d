using Npgsql;
using NpgsqlTypes;

namespace Molecule.Testing;

/// <summary>
/// A workspace row to insert directly. Only the fields set are written; every other column keeps
/// the schema's default, exactly as a row the server created before the field existed.
/// </summary>
public sealed record WorkspaceSeed
{
    public Guid? Id { get; init; }

    public string Name { get; init; } = "test-workspace";

    public string? Status { get; init; } = "online";

    public string? Runtime { get; init; }

    public Guid? ParentId { get; init; }

    /// <summary>Set: an EC2 workspace.</summary>
    public string? InstanceId { get; init; }

    public string? Url { get; init; }

    public int? Tier { get; init; }

    public string? Role { get; init; }

    public int? ActiveTasks { get; init; }

    public string? AwarenessNamespace { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>The one way tests insert workspace rows; every area's arrange helper goes through it.</summary>
public static class WorkspaceSeeding
{
    /// <summary>Inserts <paramref name="seed"/> and returns the row's id.</summary>
    public static async Task<Guid> InsertWorkspaceAsync(this NpgsqlDataSource db, WorkspaceSeed seed)
    {
        var id = seed.Id ?? Guid.NewGuid();
        var columns = new List<(string Name, object Value, NpgsqlDbType Type, string Cast)>
        {
            ("id", id, NpgsqlDbType.Uuid, ""),
            ("name", seed.Name, NpgsqlDbType.Text, ""),
        };

        void Add(string column, object? value, NpgsqlDbType type, string cast = "")
        {
            if (value is not null)
            {
                columns.Add((column, value, type, cast));
            }
        }

        Add("status", seed.Status, NpgsqlDbType.Text, "::workspace_status");
        Add("runtime", seed.Runtime, NpgsqlDbType.Text);
        Add("parent_id", seed.ParentId, NpgsqlDbType.Uuid);
        Add("instance_id", seed.InstanceId, NpgsqlDbType.Text);
        Add("url", seed.Url, NpgsqlDbType.Text);
        Add("tier", seed.Tier, NpgsqlDbType.Integer);
        Add("role", seed.Role, NpgsqlDbType.Text);
        Add("active_tasks", seed.ActiveTasks, NpgsqlDbType.Integer);
        Add("awareness_namespace", seed.AwarenessNamespace, NpgsqlDbType.Text);
        Add("last_heartbeat_at", seed.LastHeartbeatAt, NpgsqlDbType.TimestampTz);
        Add("updated_at", seed.UpdatedAt, NpgsqlDbType.TimestampTz);

        var names = string.Join(", ", columns.Select(column => column.Name));
        var values = string.Join(", ", columns.Select((column, index) => $"${index + 1}{column.Cast}"));
        await using var command = db.CreateCommand($"INSERT INTO workspaces ({names}) VALUES ({values})");
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column.Value, NpgsqlDbType = column.Type });
        }

        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Inserts a live workspace row (heartbeat now unless given) and returns its id.</summary>
    public static Task<Guid> SeedWorkspaceAsync(this MoleculeApp app, string name = "test-workspace", string status = "online",
        Guid? parent = null, string? url = null, string runtime = "langgraph", DateTimeOffset? lastHeartbeat = null) =>
        app.Db.InsertWorkspaceAsync(new WorkspaceSeed
        {
            Name = name,
            Status = status,
            ParentId = parent,
            Url = url,
            Runtime = runtime,
            LastHeartbeatAt = lastHeartbeat ?? DateTimeOffset.UtcNow,
        });
}
