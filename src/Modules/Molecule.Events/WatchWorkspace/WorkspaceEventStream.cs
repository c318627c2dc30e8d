using Molecule.Events.Bus;
using Molecule.Kernel.Events;

namespace Molecule.Events.WatchWorkspace;

/// <summary>Lets other modules follow one workspace's events (<see cref="IEventStream"/>).</summary>
internal sealed class WorkspaceEventStream(IEventBus bus) : IEventStream
{
    public IWorkspaceEventSubscription Subscribe(Guid workspaceId, int capacity = 64) =>
        new WorkspaceEventSubscription(bus.Subscribe("stream", capacity, envelope => envelope.WorkspaceId == workspaceId));
}
