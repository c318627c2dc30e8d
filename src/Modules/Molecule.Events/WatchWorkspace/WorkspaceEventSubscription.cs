using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Molecule.Events.Bus;
using Molecule.Kernel.Events;

namespace Molecule.Events.WatchWorkspace;

internal sealed class WorkspaceEventSubscription(EventSubscription inner) : IWorkspaceEventSubscription
{
    public ChannelReader<WorkspaceEvent> Reader { get; } = new WorkspaceEventReader(inner.Reader);

    public void Dispose() => inner.Dispose();

    /// <summary>Reads bus envelopes as Kernel events, converting on read rather than copying into a second channel.</summary>
    private sealed class WorkspaceEventReader(ChannelReader<EventEnvelope> envelopes) : ChannelReader<WorkspaceEvent>
    {
        public override Task Completion => envelopes.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out WorkspaceEvent item)
        {
            if (envelopes.TryRead(out var envelope))
            {
                item = envelope.WorkspaceEvent;
                return true;
            }

            item = null;
            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            envelopes.WaitToReadAsync(cancellationToken);
    }
}
