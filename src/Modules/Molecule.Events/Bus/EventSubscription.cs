using System.Threading.Channels;

namespace Molecule.Events.Bus;

/// <summary>A subscriber's bounded buffer of events; dispose it to leave the bus.</summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly Channel<EventEnvelope> _channel;
    private readonly Func<EventEnvelope, bool>? _filter;
    private readonly Action<EventSubscription> _unsubscribe;
    private long _dropped;

    public EventSubscription(string subscriber, int capacity, Func<EventEnvelope, bool>? filter, Action<EventSubscription> unsubscribe)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _filter = filter;
        _unsubscribe = unsubscribe;
        var subscriberTag = new KeyValuePair<string, object?>("subscriber", subscriber);
        _channel = Channel.CreateBounded<EventEnvelope>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropWrite,
                SingleReader = true,
                SingleWriter = false,
            },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                EventsMetrics.Dropped.Add(1, subscriberTag);
            });
    }

    public ChannelReader<EventEnvelope> Reader => _channel.Reader;

    /// <summary>Events this subscriber lost because its buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Buffers the event if the filter wants it; never blocks.</summary>
    internal void Offer(EventEnvelope envelope)
    {
        if (_filter is null || _filter(envelope))
        {
            _channel.Writer.TryWrite(envelope);
        }
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
