using System.Collections.Immutable;
using System.Threading.Channels;

namespace Molecule.Events.Bus;

/// <summary>The default bus: delivers to subscribers in this process only.</summary>
internal sealed class InProcessEventBus : IEventBus
{
    private ImmutableArray<EventSubscription> _subscribers = [];

    public ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.TryWrite(envelope);
        }

        return ValueTask.CompletedTask;
    }

    public EventSubscription Subscribe(int capacity)
    {
        var channel = Channel.CreateBounded<EventEnvelope>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        var subscription = new EventSubscription(channel, Remove);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscription));
        return subscription;
    }

    private void Remove(EventSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscription));
}
