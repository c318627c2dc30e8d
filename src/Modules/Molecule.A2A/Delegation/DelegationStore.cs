using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Molecule.A2A.Delegation;

/// <summary>
/// Delegations live in <c>activity_logs</c> of the delegating workspace, as in the reference: a
/// <c>delegate</c> row per delegation (its status follows the delegation) and a
/// <c>delegate_result</c> row when an answer arrives.
/// </summary>
internal sealed class DelegationStore(NpgsqlDataSource db)
{
    public const int ListLimit = 50;

    private const string DelegateRow = "workspace_id = @source AND method = 'delegate' AND request_body->>'delegation_id' = @delegationId";

    public async Task<DelegationRecord?> FindByIdempotencyKeyAsync(Guid source, string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DelegationRecord>(new CommandDefinition(
            """
            SELECT id AS row_id, COALESCE(request_body->>'delegation_id', '') AS delegation_id, COALESCE(status, '') AS status, target_id
            FROM activity_logs WHERE workspace_id = @source AND idempotency_key = @key
            """,
            new { source, key },
            cancellationToken: cancellationToken));
    }

    public async Task DeleteAsync(Guid rowId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM activity_logs WHERE id = @rowId", new { rowId }, cancellationToken: cancellationToken));
    }

    /// <summary>The name of a workspace that is not removed; null when there is none.</summary>
    public async Task<string?> LiveWorkspaceNameAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT name FROM workspaces WHERE id = @id AND status <> 'removed'", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Writes the <c>delegate</c> row; a duplicate idempotency key throws a unique violation.</summary>
    public async Task InsertDelegateAsync(Guid source, Guid target, string summary, JsonObject request, string status, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, method, source_id, target_id, summary, request_body, status, idempotency_key)
            VALUES (@source, 'delegation', 'delegate', @source, @target, @summary, @request::jsonb, @status, @idempotencyKey)
            """,
            new { source, target, summary, request = request.ToJsonString(), status, idempotencyKey },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> ExistsAsync(Guid source, string delegationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM activity_logs WHERE {DelegateRow})",
            new { source, delegationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>The target of a delegation still waiting for its answer; null when there is none (or it is settled).</summary>
    public async Task<Guid?> OpenDelegationTargetAsync(Guid source, string delegationId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            $"SELECT target_id FROM activity_logs WHERE {DelegateRow} AND status NOT IN ('completed', 'failed') LIMIT 1",
            new { source, delegationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Moves the <c>delegate</c> row to <paramref name="status"/>; false when there is no such row.</summary>
    public async Task<bool> SetStatusAsync(Guid source, string delegationId, string status, string? error, long? durationMs,
        CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE activity_logs
            SET status = @status,
                error_detail = COALESCE(@error, error_detail),
                duration_ms = COALESCE(@duration, duration_ms)
            WHERE {DelegateRow}
            """,
            new { source, delegationId, status, error, duration = durationMs is { } ms ? (int?)Math.Min(ms, int.MaxValue) : null },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Writes the <c>delegate_result</c> row holding the answer text.</summary>
    public async Task InsertResultAsync(Guid source, Guid? target, string delegationId, string text, string summary, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, method, source_id, target_id, summary, response_body, status)
            VALUES (@source, 'delegation', 'delegate_result', @source, @target, @summary, @response::jsonb, 'completed')
            """,
            new { source, target, summary, response = new JsonObject { ["text"] = text, ["delegation_id"] = delegationId }.ToJsonString() },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DelegationListRow>> ListAsync(Guid source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DelegationListRow>(new CommandDefinition(
            $"""
            SELECT id, activity_type AS type, COALESCE(source_id::text, '') AS source_id, COALESCE(target_id::text, '') AS target_id,
                   COALESCE(summary, '') AS summary, COALESCE(status, '') AS status, created_at,
                   COALESCE(request_body->>'delegation_id', response_body->>'delegation_id', '') AS delegation_id,
                   COALESCE(error_detail, '') AS error, COALESCE(response_body->>'text', '') AS response_preview
            FROM activity_logs
            WHERE workspace_id = @source AND method IN ('delegate', 'delegate_result')
            ORDER BY created_at DESC, id DESC
            LIMIT {ListLimit}
            """,
            new { source },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
