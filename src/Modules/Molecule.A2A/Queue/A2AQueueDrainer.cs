using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Molecule.A2A.Delegation.QueueDrain;
using Molecule.A2A.Proxy;
using Molecule.Kernel.A2A;
using Npgsql;

namespace Molecule.A2A.Queue;

/// <summary>
/// Delivers queued messages one at a time per workspace when its heartbeat shows a free slot. A drain
/// already running for a workspace makes a new request a no-op, so a burst of heartbeats cannot
/// deliver several messages to an agent that has room for one.
/// </summary>
internal sealed partial class A2AQueueDrainer(
    A2AQueueStore queue,
    NpgsqlDataSource db,
    AgentForwarder forwarder,
    TargetUrlPolicy urls,
    ProxyActivityWriter activity,
    IDelegationQueueHook delegations,
    IHostApplicationLifetime lifetime,
    ILogger<A2AQueueDrainer> logger) : IA2AQueue
{
    private readonly ConcurrentDictionary<Guid, byte> _draining = new();

    public void DrainOneInBackground(Guid workspaceId)
    {
        if (!queue.MayHaveQueued(workspaceId) || !_draining.TryAdd(workspaceId, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await DrainOneAsync(workspaceId, lifetime.ApplicationStopping);
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or HttpRequestException or IOException)
            {
                LogDrainFailed(exception, workspaceId);
            }
            finally
            {
                _draining.TryRemove(workspaceId, out _);
            }
        });
    }

    /// <summary>Delivers the next queued message, if any. Returns whether one was delivered.</summary>
    public async Task<bool> DrainOneAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var message = await queue.ClaimNextAsync(workspaceId, cancellationToken);
        if (message is null)
        {
            return false;
        }

        var target = await A2ATarget.LoadAsync(db, workspaceId, cancellationToken);
        if (target?.Url is null || !await urls.IsSafeAsync(target.Url, cancellationToken))
        {
            await RetryOrFailAsync(message, "workspace has no reachable URL", cancellationToken);
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var sent = await forwarder.SendAsync(target.Url, Encoding.UTF8.GetBytes(message.Body), cancellationToken);
        using var response = sent.Response;
        if (response is null || (int)response.StatusCode >= 300)
        {
            var error = sent.Error ?? $"agent answered {(int)response!.StatusCode}";
            await RetryOrFailAsync(message, error, cancellationToken);
            return false;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        await queue.CompleteAsync(message.Id, cancellationToken);
        var delivered = new ProxyActivity(
            target.Id,
            target.Name,
            message.CallerId,
            message.Method ?? "",
            (JsonObject)JsonNode.Parse(message.Body)!,
            new RelayedResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType == "text/event-stream", true),
            null,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity.Enqueue(delivered);
        await delegations.DeliveredAsync(message, delivered, cancellationToken);
        return true;
    }

    /// <summary>Requeues the message; when it has used up its attempts, a delegation behind it is failed.</summary>
    private async Task RetryOrFailAsync(QueuedMessage message, string error, CancellationToken cancellationToken)
    {
        if (await queue.RetryOrFailAsync(message, error, cancellationToken))
        {
            await delegations.GaveUpAsync(message, error, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "draining the a2a queue of {WorkspaceId} failed")]
    private partial void LogDrainFailed(Exception exception, Guid workspaceId);
}
