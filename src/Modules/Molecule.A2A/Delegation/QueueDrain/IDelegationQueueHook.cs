using Molecule.A2A.Proxy;
using Molecule.A2A.Queue;

namespace Molecule.A2A.Delegation.QueueDrain;

/// <summary>
/// Lets the A2A queue drain settle delegations: a delegation that found its target busy waits in the
/// queue (message id = delegation id, caller = delegating workspace) and is completed or failed when
/// the drain delivers it or gives up. Messages that are not delegations are ignored.
/// </summary>
internal interface IDelegationQueueHook
{
    /// <summary>Call after the drain delivered <paramref name="message"/>, with the activity it recorded.</summary>
    Task DeliveredAsync(QueuedMessage message, ProxyActivity delivery, CancellationToken cancellationToken);

    /// <summary>Call when the drain gave up on <paramref name="message"/> for good.</summary>
    Task GaveUpAsync(QueuedMessage message, string error, CancellationToken cancellationToken);
}
