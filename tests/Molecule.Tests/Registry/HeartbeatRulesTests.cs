using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;
using Molecule.Registry.Heartbeat;
using Molecule.Workspaces.Lifecycle;

namespace Molecule.Tests.Registry;

public sealed class HeartbeatRulesTests
{
    private static HeartbeatRequest Beat(double errorRate = 0, string? runtimeState = null) =>
        new("id", errorRate, "boom", 0, 0, null, 0, runtimeState, null);

    [Fact]
    public void A_provisioning_workspace_comes_online_and_says_where_it_recovered_from()
    {
        var transition = HeartbeatRules.Decide(WorkspaceStatus.Provisioning, Beat(), false).ShouldHaveSingleItem();

        transition.Trigger.ShouldBe(WorkspaceTrigger.HeartbeatRecovered);
        StatusMachine.For(transition.Trigger).To.ShouldBe(WorkspaceStatus.Online);
        StatusMachine.For(transition.Trigger).Event.ShouldBe(EventTypes.WorkspaceOnline);
        transition.Payload.ToJsonString().ShouldBe("""{"recovered_from":"provisioning"}""");
    }

    [Fact]
    public void An_offline_workspace_comes_online_with_an_empty_payload()
    {
        var transition = HeartbeatRules.Decide(WorkspaceStatus.Offline, Beat(), false).ShouldHaveSingleItem();

        StatusMachine.For(transition.Trigger).To.ShouldBe(WorkspaceStatus.Online);
        transition.Payload.Count.ShouldBe(0);
    }

    [Fact]
    public void A_wedged_runtime_degrades_an_online_workspace()
    {
        var transition = HeartbeatRules.Decide(WorkspaceStatus.Online, Beat(runtimeState: "wedged"), false).ShouldHaveSingleItem();

        transition.Trigger.ShouldBe(WorkspaceTrigger.HeartbeatDegraded);
        StatusMachine.For(transition.Trigger).Event.ShouldBe(EventTypes.WorkspaceDegraded);
        transition.Payload.ToJsonString().ShouldBe("""{"runtime_state":"wedged","sample_error":"boom"}""");
    }

    [Fact]
    public void A_high_error_rate_degrades_unless_the_agent_manages_its_own_status()
    {
        HeartbeatRules.Decide(WorkspaceStatus.Online, Beat(errorRate: 0.5), false).ShouldHaveSingleItem()
            .Payload.ToJsonString().ShouldBe("""{"error_rate":0.5,"sample_error":"boom"}""");
        HeartbeatRules.Decide(WorkspaceStatus.Online, Beat(errorRate: 0.9), true).ShouldBeEmpty();
    }

    [Fact]
    public void Wedged_and_a_high_error_rate_together_emit_two_degraded_events()
    {
        HeartbeatRules.Decide(WorkspaceStatus.Online, Beat(errorRate: 0.7, runtimeState: "wedged"), false).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(0.09, null, false, true)]
    [InlineData(0.1, null, false, false)]
    [InlineData(0.0, "wedged", false, false)]
    [InlineData(0.0, null, true, false)]
    public void A_degraded_workspace_recovers_only_when_healthy(double errorRate, string? runtimeState, bool managesStatus, bool recovers)
    {
        var transitions = HeartbeatRules.Decide(WorkspaceStatus.Degraded, Beat(errorRate, runtimeState), managesStatus);

        (transitions.Count == 1 && StatusMachine.For(transitions[0].Trigger).To == WorkspaceStatus.Online).ShouldBe(recovers);
    }

    [Theory]
    [InlineData(WorkspaceStatus.Paused)]
    [InlineData(WorkspaceStatus.Hibernated)]
    [InlineData(WorkspaceStatus.Failed)]
    [InlineData(WorkspaceStatus.Removed)]
    [InlineData(WorkspaceStatus.AwaitingAgent)]
    public void Heartbeats_do_not_move_other_statuses(WorkspaceStatus status)
    {
        HeartbeatRules.Decide(status, Beat(errorRate: 0.9, runtimeState: "wedged"), false).ShouldBeEmpty();
    }
}
