using Microsoft.Extensions.Time.Testing;
using Molecule.Events.Bus;
using Molecule.Events.EventSocket;
using Molecule.Kernel.Workspaces;

namespace Molecule.Tests.Events;

public sealed class WorkspaceAudienceTests
{
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly TimeSpan Remember = TimeSpan.FromSeconds(10);

    private readonly CountingHierarchy _hierarchy = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    private WorkspaceAudience Audience() => new(Viewer, _hierarchy, _clock, Remember);

    private static EventEnvelope EventOf(Guid? workspace) => EventEnvelope.Create("X", workspace, DateTimeOffset.UnixEpoch, []);

    [Fact]
    public async Task Own_events_pass_without_asking_the_hierarchy()
    {
        (await Audience().MaySeeAsync(EventOf(Viewer), default)).ShouldBeTrue();

        _hierarchy.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Events_without_a_workspace_are_not_for_agents()
    {
        (await Audience().MaySeeAsync(EventOf(null), default)).ShouldBeFalse();

        _hierarchy.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task The_hierarchy_decides_and_is_asked_once_while_the_decision_is_fresh()
    {
        var sibling = Guid.NewGuid();
        var stranger = Guid.NewGuid();
        _hierarchy.Related.Add(sibling);
        var audience = Audience();

        for (var i = 0; i < 3; i++)
        {
            (await audience.MaySeeAsync(EventOf(sibling), default)).ShouldBeTrue();
            (await audience.MaySeeAsync(EventOf(stranger), default)).ShouldBeFalse();
        }

        _hierarchy.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task An_expired_decision_is_asked_again_and_sees_the_change()
    {
        var workspace = Guid.NewGuid();
        var audience = Audience();
        (await audience.MaySeeAsync(EventOf(workspace), default)).ShouldBeFalse();

        _hierarchy.Related.Add(workspace); // e.g. re-parented under the viewer's parent
        _clock.Advance(Remember);

        (await audience.MaySeeAsync(EventOf(workspace), default)).ShouldBeTrue();
        _hierarchy.Calls.ShouldBe(2);
    }

    private sealed class CountingHierarchy : IWorkspaceHierarchy
    {
        public HashSet<Guid> Related { get; } = [];

        public int Calls { get; private set; }

        public Task<bool> CanCommunicateAsync(Guid a, Guid b, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(a == Viewer && Related.Contains(b));
        }
    }
}
