using System.Threading.Channels;

namespace Molecule.Kernel.Events;

/// <summary>
/// Lets a module watch the events of one workspace as they are published, e.g. to notice that a
/// target agent is still busy. Only events published after <see cref="Subscribe"/> returns are seen.
/// </summary>
public interface IEventStream
{
    /// <summary>
    /// Starts receiving the events of <paramref name="workspaceId"/>. The buffer holds
    /// <paramref name="capacity"/> events; while it is full, newer events are dropped for this
    /// subscriber only. Dispose the subscription to stop.
    /// </summary>
    IWorkspaceEventSubscription Subscribe(Guid workspaceId, int capacity = 64);
}

/// <summary>An open subscription from <see cref="IEventStream.Subscribe"/>.</summary>
public interface IWorkspaceEventSubscription : IDisposable
{
    /// <summary>The events, oldest first; completes when the subscription is disposed.</summary>
    ChannelReader<WorkspaceEvent> Reader { get; }
}
