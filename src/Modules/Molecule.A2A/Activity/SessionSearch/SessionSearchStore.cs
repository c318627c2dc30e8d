using Dapper;
using Npgsql;

namespace Molecule.A2A.Activity.SessionSearch;

/// <summary>
/// Case-insensitive substring search over a workspace's activity (summary, method, error and JSON
/// bodies) and its own memories, newest first.
/// </summary>
internal sealed class SessionSearchStore(NpgsqlDataSource db)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<IReadOnlyList<SessionSearchHit>> SearchAsync(Guid workspaceId, string query, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionSearchHit>(new CommandDefinition(
            """
            SELECT * FROM (
                SELECT 'activity' AS kind, id, workspace_id, activity_type AS label, COALESCE(summary, '') AS content,
                       COALESCE(method, '') AS method, COALESCE(status, '') AS status, created_at,
                       request_body::text AS request_body, response_body::text AS response_body
                FROM activity_logs
                WHERE workspace_id = @workspaceId
                  AND (@pattern IS NULL OR summary ILIKE @pattern OR method ILIKE @pattern OR error_detail ILIKE @pattern
                       OR request_body::text ILIKE @pattern OR response_body::text ILIKE @pattern)
                UNION ALL
                SELECT 'memory', id, workspace_id, scope, content, '', '', created_at, NULL, NULL
                FROM agent_memories
                WHERE workspace_id = @workspaceId AND (@pattern IS NULL OR content ILIKE @pattern)
            ) hits
            ORDER BY created_at DESC NULLS LAST, id DESC
            LIMIT @limit
            """,
            new { workspaceId, pattern = query.Length == 0 ? null : LikePattern.Contains(query), limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
