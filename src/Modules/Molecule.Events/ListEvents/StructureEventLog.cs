using Dapper;
using Npgsql;

namespace Molecule.Events.ListEvents;

/// <summary>A recorded event as <c>structure_events</c> holds it; the payload is JSON text.</summary>
internal sealed record StructureEventRow(Guid Id, string EventType, Guid? WorkspaceId, string? Payload, DateTime? CreatedAt);

/// <summary>Reads the event log.</summary>
internal sealed class StructureEventLog(NpgsqlDataSource db)
{
    public const int PageSize = 100;

    /// <summary>The newest events, newest first; for one workspace when <paramref name="workspaceId"/> is set.</summary>
    public async Task<IReadOnlyList<StructureEventRow>> NewestAsync(Guid? workspaceId, CancellationToken cancellationToken)
    {
        var where = workspaceId is null ? "" : "WHERE workspace_id = @workspaceId";
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StructureEventRow>(new CommandDefinition(
            $"""
            SELECT id, event_type, workspace_id, payload::text AS payload, created_at
            FROM structure_events {where}
            ORDER BY created_at DESC
            LIMIT {PageSize}
            """,
            new { workspaceId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
