using System.Text;
using Dapper;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Activity.List;

/// <summary>Reads a workspace's activity rows for the list route.</summary>
internal sealed class ActivityLog(NpgsqlDataSource db)
{
    private const string Columns =
        """
        id, workspace_id, activity_type, source_id, target_id, method, summary,
        request_body::text AS request_body, response_body::text AS response_body, tool_trace::text AS tool_trace,
        duration_ms, status, error_detail, created_at
        """;

    /// <summary>
    /// The matching rows, or null when <see cref="ActivityQuery.SinceId"/> names no row of this
    /// workspace (never existed, pruned by retention, or not a UUID). Equal timestamps are ordered by
    /// id, so a cursor never skips or repeats a row.
    /// </summary>
    public async Task<IReadOnlyList<ActivityRow>?> ListAsync(Guid workspaceId, ActivityQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var sql = new StringBuilder($"SELECT {Columns} FROM activity_logs WHERE workspace_id = @workspaceId");
        var parameters = new DynamicParameters(new { workspaceId, limit = query.Limit });

        if (query.SinceId is { } sinceId)
        {
            var cursor = RouteIds.TryParse(sinceId, out var cursorId)
                ? await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
                    "SELECT created_at FROM activity_logs WHERE id = @cursorId AND workspace_id = @workspaceId",
                    new { cursorId, workspaceId },
                    cancellationToken: cancellationToken))
                : null;
            if (cursor is null)
            {
                return null;
            }

            sql.Append(" AND (created_at, id) > (@cursorAt, @cursorId)");
            parameters.Add("cursorAt", DateTime.SpecifyKind(cursor.Value, DateTimeKind.Utc));
            parameters.Add("cursorId", cursorId);
        }

        if (query.Type is { } type)
        {
            sql.Append(" AND activity_type = @type");
            parameters.Add("type", type);
        }

        sql.Append(query.Source switch
        {
            ActivitySource.Canvas => " AND source_id IS NULL",
            ActivitySource.Agent => " AND source_id IS NOT NULL",
            _ => "",
        });

        if (query.PeerId is { } peer)
        {
            sql.Append(" AND (source_id = @peer OR target_id = @peer)");
            parameters.Add("peer", peer);
        }

        if (query.SinceSeconds is { } seconds)
        {
            sql.Append(" AND created_at > now() - make_interval(secs => @seconds)");
            parameters.Add("seconds", (double)seconds);
        }

        if (query.Before is { } before)
        {
            sql.Append(" AND created_at < @before");
            parameters.Add("before", before.UtcDateTime);
        }

        sql.Append(query.Ascending ? " ORDER BY created_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC");
        sql.Append(" LIMIT @limit");

        var rows = await connection.QueryAsync<ActivityRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
