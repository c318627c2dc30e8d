using System.Text.Json.Nodes;
using Molecule.A2A.Activity;
using Molecule.Kernel.Events;

namespace Molecule.A2A.Delegation;

/// <summary>
/// Settles a delegation the same way whoever learns the outcome — the dispatcher, the queue drain or
/// the agent reporting through <c>/update</c>: the row first, then the event.
/// </summary>
internal sealed class DelegationOutcomes(DelegationStore store, IEventPublisher events)
{
    public async Task StatusAsync(Guid source, Guid delegationId, Guid target, string status, CancellationToken cancellationToken)
    {
        await store.SetStatusAsync(source, delegationId.ToString(), status, null, null, cancellationToken);
        await events.RecordAndBroadcastAsync(DelegationEvents.Status, source, new JsonObject
        {
            ["delegation_id"] = delegationId.ToString(),
            ["target_id"] = target.ToString(),
            ["status"] = status,
        }, cancellationToken);
    }

    /// <summary>
    /// Records the answer. <paramref name="target"/> is left out of the event on the agent-reported
    /// path, as in the reference; <paramref name="via"/> names a path other than direct dispatch.
    /// </summary>
    public async Task CompletedAsync(Guid source, string delegationId, Guid? target, string text, string? via, long? durationMs,
        CancellationToken cancellationToken)
    {
        await store.SetStatusAsync(source, delegationId, "completed", null, durationMs, cancellationToken);
        await store.InsertResultAsync(source, target, delegationId, text,
            "Delegation result: " + Utf8Preview.Truncate(text, 80, "…"), cancellationToken);

        var payload = new JsonObject { ["delegation_id"] = delegationId };
        if (target is { } targetId)
        {
            payload["target_id"] = targetId.ToString();
        }

        payload["response_preview"] = Utf8Preview.Truncate(text, DelegationEvents.ResponsePreviewBytes);
        if (via is not null)
        {
            payload["via"] = via;
        }

        await events.RecordAndBroadcastAsync(DelegationEvents.Complete, source, payload, cancellationToken);
    }

    public async Task FailedAsync(Guid source, string delegationId, Guid? target, string error, long? durationMs, CancellationToken cancellationToken)
    {
        await store.SetStatusAsync(source, delegationId, "failed", error, durationMs, cancellationToken);
        var payload = new JsonObject { ["delegation_id"] = delegationId };
        if (target is { } targetId)
        {
            payload["target_id"] = targetId.ToString();
        }

        payload["error"] = error;
        await events.RecordAndBroadcastAsync(DelegationEvents.Failed, source, payload, cancellationToken);
    }
}
