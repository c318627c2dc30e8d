using System.Collections.Immutable;

namespace Molecule.Events.Bus;

/// <summary>The default bus: delivers to subscribers in this process only.</summary>
internal sealed class InProcessEventBus : IEventBus
{
    // Copy-on-write, so publishing walks a snapshot without taking a lock.
    private ImmutableArray<EventSubscription> _subscribers = [];

    public ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Offer(envelope);
        }

        return ValueTask.CompletedTask;
    }

    public EventSubscription Subscribe(string subscriber, int capacity, Func<EventEnvelope, bool>? filter = null)
    {
        var subscription = new EventSubscription(subscriber, capacity, filter, Remove);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
        return subscription;
    }

    private void Remove(EventSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscription));
}
