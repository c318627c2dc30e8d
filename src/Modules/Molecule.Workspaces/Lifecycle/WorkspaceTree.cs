using Dapper;
using Molecule.Workspaces.Directory;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>Walks the parent/child hierarchy. Depth is capped so a corrupt cycle cannot loop forever.</summary>
internal static class WorkspaceTree
{
    private const int MaxDepth = 32;

    /// <summary>Every descendant of <paramref name="id"/> (any status), deepest last.</summary>
    public static async Task<IReadOnlyList<WorkspaceRefRow>> DescendantsAsync(
        NpgsqlConnection connection, Guid id, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<WorkspaceRefRow>(new CommandDefinition(
            $"""
            WITH RECURSIVE tree(id, depth) AS (
                SELECT id, 1 FROM workspaces WHERE parent_id = @id AND id <> @id
                UNION
                SELECT w.id, t.depth + 1 FROM workspaces w JOIN tree t ON w.parent_id = t.id
                WHERE t.depth < @maxDepth AND w.id <> @id
            )
            SELECT {WorkspaceRefRow.Columns} FROM (
                SELECT w.*, t.depth FROM workspaces w
                JOIN (SELECT id, min(depth) AS depth FROM tree GROUP BY id) t ON t.id = w.id
            ) descendants
            ORDER BY depth, created_at
            """,
            new { id, maxDepth = MaxDepth },
            transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The name of the nearest paused ancestor, or null when no ancestor is paused.</summary>
    public static Task<string?> PausedAncestorAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM workspaces WHERE id = @id
                UNION ALL
                SELECT w.id, w.parent_id, c.depth + 1 FROM workspaces w JOIN chain c ON w.id = c.parent_id
                WHERE c.depth < @maxDepth
            )
            SELECT w.name FROM chain c JOIN workspaces w ON w.id = c.id
            WHERE c.depth > 0 AND w.status = 'paused'
            ORDER BY c.depth LIMIT 1
            """,
            new { id, maxDepth = MaxDepth },
            cancellationToken: cancellationToken));

    /// <summary>True when <paramref name="candidate"/> is <paramref name="id"/> or one of its descendants.</summary>
    public static async Task<bool> IsSelfOrDescendantAsync(
        NpgsqlConnection connection, Guid id, Guid candidate, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null) =>
        candidate == id || (await DescendantsAsync(connection, id, cancellationToken, transaction)).Any(row => row.Id == candidate);
}
