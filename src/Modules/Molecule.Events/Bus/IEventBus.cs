namespace Molecule.Events.Bus;

/// <summary>
/// Fan-out of published events to this process's subscribers. The default is in-process; a Redis
/// pub/sub implementation can take its place to fan out across replicas, with the same contract:
/// every subscriber on every replica sees each published event once.
/// </summary>
internal interface IEventBus
{
    ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a subscription holding up to <paramref name="capacity"/> events. A slow reader loses
    /// the newest events rather than holding up the publisher or other subscribers.
    /// </summary>
    /// <param name="subscriber">What kind of client this is, for the dropped-events metric.</param>
    /// <param name="capacity">The buffer size.</param>
    /// <param name="filter">
    /// Runs on the publishing thread, so it must be cheap and never block; events it rejects never
    /// take buffer space.
    /// </param>
    EventSubscription Subscribe(string subscriber, int capacity, Func<EventEnvelope, bool>? filter = null);
}
