using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Molecule.A2A.Queue;

/// <summary>A queued message as the drain sees it.</summary>
internal sealed record QueuedMessage(Guid Id, Guid WorkspaceId, Guid? CallerId, string Body, string? Method, string? IdempotencyKey, int Attempts);

/// <summary>The <c>a2a_queue</c> table: enqueue when the target is busy, claim and settle when it has room.</summary>
internal sealed class A2AQueueStore(NpgsqlDataSource db, TimeProvider clock)
{
    public const int DefaultPriority = 50;
    public const int MaxAttempts = 5;

    /// <summary>
    /// Every heartbeat with a free slot asks for a drain, and almost always the queue is empty. After a
    /// claim finds nothing, claims for that workspace are skipped for this long unless this process
    /// queues something for it; a message queued by another replica waits at most this much longer.
    /// </summary>
    public static readonly TimeSpan EmptyMemo = TimeSpan.FromSeconds(5);

    private const int MaxMemos = 100_000;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _knownEmptyUntil = new();

    /// <summary>False when a claim recently found nothing for the workspace and nothing was queued since.</summary>
    public bool MayHaveQueued(Guid workspaceId) =>
        !_knownEmptyUntil.TryGetValue(workspaceId, out var until) || until <= clock.GetUtcNow();

    /// <summary>Queues a message; the same message id twice while it is pending queues it once.</summary>
    public async Task<(Guid QueueId, int Depth)> EnqueueAsync(Guid workspaceId, Guid? callerId, JsonObject body, string method, string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        _knownEmptyUntil.TryRemove(workspaceId, out _);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var queueId = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO a2a_queue (workspace_id, caller_id, priority, body, method, idempotency_key)
            VALUES (@workspaceId, @callerId, @priority, @body::jsonb, @method, @idempotencyKey)
            ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL AND status IN ('queued', 'dispatched')
            DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
            RETURNING id
            """,
            new { workspaceId, callerId, priority = DefaultPriority, body = body.ToJsonString(), method, idempotencyKey },
            cancellationToken: cancellationToken));
        var depth = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM a2a_queue WHERE workspace_id = @workspaceId AND status = 'queued'",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return (queueId, depth);
    }

    /// <summary>Takes the next message (highest priority, then oldest); several replicas never take the same one.</summary>
    public async Task<QueuedMessage?> ClaimNextAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<QueuedMessage>(new CommandDefinition(
            """
            UPDATE a2a_queue SET status = 'dispatched', dispatched_at = now(), attempts = attempts + 1
            WHERE id = (
                SELECT id FROM a2a_queue
                WHERE workspace_id = @workspaceId AND status = 'queued' AND (expires_at IS NULL OR expires_at > now())
                ORDER BY priority DESC, enqueued_at ASC
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id, workspace_id, caller_id, body::text AS body, method, idempotency_key, attempts
            """,
            new { workspaceId },
            cancellationToken: cancellationToken));
        if (message is null)
        {
            if (_knownEmptyUntil.Count >= MaxMemos)
            {
                _knownEmptyUntil.Clear();
            }

            _knownEmptyUntil[workspaceId] = clock.GetUtcNow() + EmptyMemo;
        }

        return message;
    }

    public async Task CompleteAsync(Guid queueId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE a2a_queue SET status = 'completed', completed_at = now(), last_error = NULL WHERE id = @queueId",
            new { queueId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Puts a message back after a failed attempt, or fails it for good after <see cref="MaxAttempts"/>.</summary>
    public async Task<bool> RetryOrFailAsync(QueuedMessage message, string error, CancellationToken cancellationToken = default)
    {
        var giveUp = message.Attempts >= MaxAttempts;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE a2a_queue SET status = @status, last_error = @error WHERE id = @id",
            new { id = message.Id, status = giveUp ? "failed" : "queued", error },
            cancellationToken: cancellationToken));
        return giveUp;
    }

    /// <summary>Drops queued messages older than <paramref name="maxAge"/>, optionally for one workspace.</summary>
    public async Task<int> DropStaleAsync(TimeSpan maxAge, Guid? workspaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE a2a_queue SET status = 'dropped', last_error = 'dropped as stale'
            WHERE status = 'queued' AND enqueued_at < now() - @maxAge
              AND (@workspaceId::uuid IS NULL OR workspace_id = @workspaceId)
            """,
            new { maxAge, workspaceId },
            cancellationToken: cancellationToken));
    }
}
