using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Molecule.Testing;

/// <summary>Arranging workspaces, activity rows, memories and queue rows with SQL, and bounded waits.</summary>
public static class ActivityArrange
{
    /// <summary>Inserts an activity row; <paramref name="createdAt"/> defaults to now().</summary>
    public static async Task<Guid> AddActivityAsync(this MoleculeApp app, Guid workspaceId, string type = "a2a_receive", Guid? source = null,
        Guid? target = null, DateTimeOffset? createdAt = null, string? method = null, string? summary = null, string? requestBody = null,
        string? responseBody = null, string? toolTrace = null, string status = "ok")
    {
        await using var command = app.Db.CreateCommand(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, source_id, target_id, method, summary, request_body, response_body,
                                       tool_trace, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, COALESCE($11, now()))
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(Nullable(source, NpgsqlDbType.Uuid));
        command.Parameters.Add(Nullable(target, NpgsqlDbType.Uuid));
        command.Parameters.Add(Nullable(method, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(summary, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(requestBody, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(responseBody, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(toolTrace, NpgsqlDbType.Text));
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(Nullable(createdAt, NpgsqlDbType.TimestampTz));
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts a memory of the workspace.</summary>
    public static async Task<Guid> AddMemoryAsync(this MoleculeApp app, Guid workspaceId, string content, string scope = "LOCAL")
    {
        await using var command = app.Db.CreateCommand(
            "INSERT INTO agent_memories (workspace_id, content, scope) VALUES ($1, $2, $3) RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = content });
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts a queued A2A message enqueued <paramref name="age"/> ago.</summary>
    public static async Task<Guid> AddQueuedMessageAsync(this MoleculeApp app, Guid workspaceId, TimeSpan age, string status = "queued")
    {
        await using var command = app.Db.CreateCommand(
            """
            INSERT INTO a2a_queue (workspace_id, body, method, status, enqueued_at)
            VALUES ($1, '{"jsonrpc":"2.0","method":"message/send"}', 'message/send', $2, now() - $3)
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = age });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rows of a query as JSON objects (one per row, columns by name), for assertions.</summary>
    public static async Task<List<JsonObject>> RowsAsync(this MoleculeApp app, string sql)
    {
        await using var command = app.Db.CreateCommand($"SELECT row_to_json(r)::text FROM ({sql}) r");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonObject>();
        while (await reader.ReadAsync())
        {
            rows.Add((JsonObject)JsonNode.Parse(reader.GetString(0))!);
        }

        return rows;
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
