using Molecule.Events.Bus;

namespace Molecule.Tests.Events;

public sealed class InProcessEventBusTests
{
    private static EventEnvelope Event(string name, Guid? workspace = null) =>
        EventEnvelope.Create(name, workspace, DateTimeOffset.UnixEpoch, []);

    [Fact]
    public async Task Every_subscriber_gets_every_event_in_order()
    {
        var bus = new InProcessEventBus();
        using var first = bus.Subscribe("test", 8);
        using var second = bus.Subscribe("test", 8);

        await bus.PublishAsync(Event("A"));
        await bus.PublishAsync(Event("B"));

        foreach (var subscription in new[] { first, second })
        {
            subscription.Reader.TryRead(out var a).ShouldBeTrue();
            subscription.Reader.TryRead(out var b).ShouldBeTrue();
            (a!.Event, b!.Event).ShouldBe(("A", "B"));
        }
    }

    [Fact]
    public async Task A_full_buffer_drops_the_newest_events_for_that_subscriber_only()
    {
        var bus = new InProcessEventBus();
        using var slow = bus.Subscribe("test", 2);
        using var roomy = bus.Subscribe("test", 8);

        foreach (var name in new[] { "1", "2", "3", "4" })
        {
            await bus.PublishAsync(Event(name));
        }

        Drain(slow).ShouldBe(["1", "2"]);
        slow.Dropped.ShouldBe(2);
        Drain(roomy).ShouldBe(["1", "2", "3", "4"]);
        roomy.Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task A_filter_keeps_unwanted_events_out_of_the_buffer()
    {
        var bus = new InProcessEventBus();
        var mine = Guid.NewGuid();
        using var subscription = bus.Subscribe("test", 1, envelope => envelope.WorkspaceId == mine);

        await bus.PublishAsync(Event("OTHER", Guid.NewGuid()));
        await bus.PublishAsync(Event("MINE", mine));

        Drain(subscription).ShouldBe(["MINE"]);
        subscription.Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task Disposing_leaves_the_bus_and_completes_the_reader()
    {
        var bus = new InProcessEventBus();
        var subscription = bus.Subscribe("test", 8);

        subscription.Dispose();
        await bus.PublishAsync(Event("A"));

        subscription.Reader.TryRead(out _).ShouldBeFalse();
        subscription.Reader.Completion.IsCompleted.ShouldBeTrue();
    }

    private static List<string> Drain(EventSubscription subscription)
    {
        var names = new List<string>();
        while (subscription.Reader.TryRead(out var envelope))
        {
            names.Add(envelope.Event);
        }

        return names;
    }
}
