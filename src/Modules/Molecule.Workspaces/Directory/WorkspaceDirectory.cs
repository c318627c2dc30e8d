using Dapper;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Workspaces.Directory;

internal sealed class WorkspaceDirectory(NpgsqlDataSource db) : IWorkspaceDirectory
{
    public async Task<WorkspaceRef?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WorkspaceRefRow>(new CommandDefinition(
            $"SELECT {WorkspaceRefRow.Columns} FROM workspaces WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken));
        return row?.ToRef();
    }
}
