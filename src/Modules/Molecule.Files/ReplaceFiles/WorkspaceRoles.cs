using Dapper;
using Npgsql;

namespace Molecule.Files.ReplaceFiles;

/// <summary>The workspace's role, which a generated config.yaml uses as its description.</summary>
internal sealed class WorkspaceRoles(NpgsqlDataSource db)
{
    public async Task<string?> FindAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
    }
}
