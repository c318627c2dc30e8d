using Dapper;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Directory;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// The only way a handler changes a workspace's status: an UPDATE guarded by the transition's
/// <c>From</c> set, so a concurrent change makes the write a no-op instead of a wrong state.
/// </summary>
internal static class StatusWrites
{
    /// <summary>
    /// Applies <paramref name="transition"/> to the row. <paramref name="extraSet"/> adds fixed
    /// column assignments (", url = ''"); <paramref name="extraGuard"/> adds fixed conditions
    /// ("AND updated_at = @seen"); both may only reference parameters in <paramref name="parameters"/>.
    /// Returns the row as written, or null when the guard did not match.
    /// </summary>
    public static async Task<WorkspaceRefRow?> ApplyAsync(
        NpgsqlConnection connection,
        StatusTransition transition,
        Guid id,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null,
        string extraSet = "",
        string extraGuard = "",
        object? parameters = null)
    {
        var arguments = new DynamicParameters(parameters);
        arguments.Add("id", id);
        arguments.Add("to", transition.To.ToWire());
        arguments.Add("from", transition.FromWire);
        arguments.Add("now", now);
        return await connection.QuerySingleOrDefaultAsync<WorkspaceRefRow>(new CommandDefinition(
            $"""
            UPDATE workspaces SET status = @to::workspace_status, updated_at = @now {extraSet}
            WHERE id = @id AND status = ANY(@from::workspace_status[]) {extraGuard}
            RETURNING {WorkspaceRefRow.Columns}
            """,
            arguments,
            transaction,
            cancellationToken: cancellationToken));
    }
}
