using Dapper;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Workspaces.Directory;

internal sealed class WorkspaceHierarchy(NpgsqlDataSource db) : IWorkspaceHierarchy
{
    private const int MaxDepth = 32;

    public async Task<bool> CanCommunicateAsync(Guid a, Guid b, CancellationToken cancellationToken = default)
    {
        if (a == b)
        {
            return true;
        }

        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            var ancestorsOfA = await AncestorsAsync(connection, a, cancellationToken);
            var ancestorsOfB = await AncestorsAsync(connection, b, cancellationToken);
            if (ancestorsOfA is null || ancestorsOfB is null)
            {
                return false;
            }

            // ancestors[0] is the row itself, ancestors[1] its parent (absent for a root).
            var parentOfA = ancestorsOfA.Count > 1 ? ancestorsOfA[1] : (Guid?)null;
            var parentOfB = ancestorsOfB.Count > 1 ? ancestorsOfB[1] : (Guid?)null;
            return parentOfA == parentOfB || ancestorsOfA.Contains(b) || ancestorsOfB.Contains(a);
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>The row and its ancestors, nearest first; null when the row does not exist.</summary>
    private static async Task<List<Guid>?> AncestorsAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var chain = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM workspaces WHERE id = @id
                UNION ALL
                SELECT w.id, w.parent_id, c.depth + 1 FROM workspaces w JOIN chain c ON w.id = c.parent_id
                WHERE c.depth < @maxDepth
            )
            SELECT id FROM chain ORDER BY depth
            """,
            new { id, maxDepth = MaxDepth },
            cancellationToken: cancellationToken))).ToList();
        return chain.Count == 0 ? null : chain;
    }
}
