using Dapper;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Directory;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// The UPDATE behind every status change: guarded by the statuses the machine lets the trigger start
/// from, so a concurrent change makes the write a no-op instead of a wrong state. The columns that
/// change with the status and the extra guards come from the typed <see cref="StatusChange"/>, never
/// from SQL text a caller builds.
/// </summary>
internal static class StatusWrites
{
    /// <summary>
    /// Returns the row as written, or null when the guard did not match. <paramref name="fixedSet"/>
    /// and <paramref name="fixedGuard"/> add constant SQL without parameters (hibernation's
    /// ", active_tasks = 0" and "AND active_tasks = 0"), for this module's own routes only.
    /// </summary>
    public static async Task<WorkspaceRefRow?> ApplyAsync(
        NpgsqlConnection connection,
        StatusChange change,
        Guid id,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        NpgsqlTransaction? transaction = null,
        string fixedSet = "",
        string fixedGuard = "")
    {
        var transition = StatusMachine.For(change.Trigger);
        if (transition.From.Count == 0)
        {
            throw new ArgumentException($"{change.Trigger} creates the row; it is not a status change", nameof(change));
        }

        var set = fixedSet;
        var guard = fixedGuard.Length == 0 ? "" : " " + fixedGuard;
        var arguments = new DynamicParameters();
        arguments.Add("id", id);
        arguments.Add("to", transition.To.ToWire());
        arguments.Add("from", transition.FromWire);
        arguments.Add("now", now);
        if (change.Url is { } url)
        {
            set += ", url = @url";
            arguments.Add("url", url);
        }

        if (change.SampleError is { } sampleError)
        {
            set += ", last_sample_error = @sampleError";
            arguments.Add("sampleError", sampleError);
        }

        if (change.UnchangedSince is { } unchangedSince)
        {
            guard += " AND updated_at <= @unchangedSince";
            arguments.Add("unchangedSince", unchangedSince);
        }

        if (change.SilentSince is { } silentSince)
        {
            guard += " AND last_heartbeat_at < @silentSince";
            arguments.Add("silentSince", silentSince);
        }

        return await connection.QuerySingleOrDefaultAsync<WorkspaceRefRow>(new CommandDefinition(
            $"""
            UPDATE workspaces SET status = @to::workspace_status, updated_at = @now{set}
            WHERE id = @id AND status = ANY(@from::workspace_status[]){guard}
            RETURNING {WorkspaceRefRow.Columns}
            """,
            arguments,
            transaction,
            cancellationToken: cancellationToken));
    }
}
