using Molecule.A2A.Delegation.Dispatch;
using Molecule.A2A.Proxy;
using Molecule.A2A.Queue;

namespace Molecule.A2A.Delegation.QueueDrain;

internal sealed class DelegationQueueHook(DelegationStore store, DelegationOutcomes outcomes) : IDelegationQueueHook
{
    public const string Via = "queue_drain";

    public async Task DeliveredAsync(QueuedMessage message, ProxyActivity delivery, CancellationToken cancellationToken)
    {
        if (await OpenDelegationAsync(message, cancellationToken) is not { } delegation)
        {
            return;
        }

        var answer = AgentAnswer.From(delivery);
        if (answer.Text is { } text)
        {
            await outcomes.CompletedAsync(delegation.Source, delegation.Id, delegation.Target, text, Via, delivery.DurationMs, cancellationToken);
        }
        else
        {
            await outcomes.FailedAsync(delegation.Source, delegation.Id, delegation.Target, answer.Error!, delivery.DurationMs, cancellationToken);
        }
    }

    public async Task GaveUpAsync(QueuedMessage message, string error, CancellationToken cancellationToken)
    {
        if (await OpenDelegationAsync(message, cancellationToken) is { } delegation)
        {
            await outcomes.FailedAsync(delegation.Source, delegation.Id, delegation.Target, error, null, cancellationToken);
        }
    }

    private async Task<(Guid Source, string Id, Guid? Target)?> OpenDelegationAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        if (message is not { CallerId: { } source, IdempotencyKey: { Length: > 0 } delegationId })
        {
            return null;
        }

        var target = await store.OpenDelegationTargetAsync(source, delegationId, cancellationToken);
        return target is null ? null : (source, delegationId, target);
    }
}
