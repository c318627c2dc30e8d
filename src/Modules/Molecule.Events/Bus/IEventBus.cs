using System.Threading.Channels;

namespace Molecule.Events.Bus;

/// <summary>Fan-out of events to this process's subscribers (and, with Redis, to other replicas).</summary>
internal interface IEventBus
{
    ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// A subscription with a bounded buffer: a slow reader loses the newest events rather than
    /// holding up everyone else, as the reference's hub does.
    /// </summary>
    EventSubscription Subscribe(int capacity);
}

internal sealed class EventSubscription(Channel<EventEnvelope> channel, Action<EventSubscription> unsubscribe) : IDisposable
{
    public ChannelReader<EventEnvelope> Reader => channel.Reader;

    internal bool TryWrite(EventEnvelope envelope) => channel.Writer.TryWrite(envelope);

    public void Dispose()
    {
        unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
