using System.Text.Json.Nodes;
using Molecule.Events.Bus;
using Molecule.Events.WatchWorkspace;

namespace Molecule.Tests.Events;

public sealed class WorkspaceEventStreamTests
{
    [Fact]
    public async Task A_subscriber_sees_only_its_workspace_events_with_their_payload()
    {
        var bus = new InProcessEventBus();
        var watched = Guid.NewGuid();
        using var subscription = new WorkspaceEventStream(bus).Subscribe(watched);

        await bus.PublishAsync(EventEnvelope.Create("OTHER", Guid.NewGuid(), DateTimeOffset.UnixEpoch, []));
        await bus.PublishAsync(EventEnvelope.Create("TASK_UPDATED", watched, DateTimeOffset.UnixEpoch, new JsonObject { ["active_tasks"] = 3 }));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var seen = await subscription.Reader.ReadAsync(timeout.Token);
        seen.Type.ShouldBe("TASK_UPDATED");
        seen.WorkspaceId.ShouldBe(watched);
        seen.Payload.GetProperty("active_tasks").GetInt32().ShouldBe(3);
        subscription.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Disposing_ends_the_reader()
    {
        var subscription = new WorkspaceEventStream(new InProcessEventBus()).Subscribe(Guid.NewGuid());

        subscription.Dispose();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        (await subscription.Reader.WaitToReadAsync(timeout.Token)).ShouldBeFalse();
    }
}
