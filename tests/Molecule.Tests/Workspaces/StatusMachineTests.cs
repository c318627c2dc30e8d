using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using static Molecule.Kernel.Workspaces.WorkspaceStatus;

namespace Molecule.Tests.Workspaces;

public sealed class StatusMachineTests
{
    public static TheoryData<string, WorkspaceStatus[], WorkspaceStatus, string?> Table => new()
    {
        { nameof(WorkspaceTrigger.Created), [], Provisioning, EventTypes.WorkspaceProvisioning },
        { nameof(WorkspaceTrigger.ExternalReachable), [Provisioning], Online, EventTypes.WorkspaceOnline },
        { nameof(WorkspaceTrigger.ExternalAwaitingAgent), [Provisioning], AwaitingAgent, EventTypes.WorkspaceAwaitingAgent },
        { nameof(WorkspaceTrigger.Registered), [Provisioning, Online, Offline, Degraded, Failed, Paused, Hibernated, AwaitingAgent, Hibernating], Online, EventTypes.WorkspaceOnline },
        { nameof(WorkspaceTrigger.HeartbeatRecovered), [Provisioning, Offline], Online, EventTypes.WorkspaceOnline },
        { nameof(WorkspaceTrigger.HeartbeatDegraded), [Online, Degraded], Degraded, EventTypes.WorkspaceDegraded },
        { nameof(WorkspaceTrigger.HeartbeatHealthy), [Degraded], Online, EventTypes.WorkspaceOnline },
        { nameof(WorkspaceTrigger.ProvisionFailed), [Provisioning], Failed, EventTypes.WorkspaceProvisionFailed },
        { nameof(WorkspaceTrigger.ProvisionTimedOut), [Provisioning], Failed, EventTypes.WorkspaceProvisionFailed },
        { nameof(WorkspaceTrigger.BootstrapFailed), [Provisioning], Failed, EventTypes.WorkspaceProvisionFailed },
        { nameof(WorkspaceTrigger.LivenessExpired), [Online, Degraded], Offline, EventTypes.WorkspaceOffline },
        { nameof(WorkspaceTrigger.ComputeDied), [Online, Degraded], Offline, EventTypes.WorkspaceOffline },
        { nameof(WorkspaceTrigger.CrashLooped), [Provisioning, Online, Degraded, Offline], Failed, EventTypes.WorkspaceProvisionFailed },
        { nameof(WorkspaceTrigger.Restart), [Provisioning, Online, Offline, Degraded, Failed, Paused, Hibernated, AwaitingAgent, Hibernating], Provisioning, EventTypes.WorkspaceProvisioning },
        { nameof(WorkspaceTrigger.AutoRestart), [Provisioning, Online, Offline, Degraded, Failed, AwaitingAgent], Provisioning, EventTypes.WorkspaceProvisioning },
        { nameof(WorkspaceTrigger.Pause), [Provisioning, Online, Offline, Degraded, Failed, Hibernated, AwaitingAgent, Hibernating], Paused, EventTypes.WorkspacePaused },
        { nameof(WorkspaceTrigger.Resume), [Paused], Provisioning, EventTypes.WorkspaceProvisioning },
        { nameof(WorkspaceTrigger.HibernateClaimed), [Online, Degraded], Hibernating, null },
        { nameof(WorkspaceTrigger.Hibernated), [Hibernating], WorkspaceStatus.Hibernated, EventTypes.WorkspaceHibernated },
        { nameof(WorkspaceTrigger.HibernateAborted), [Hibernating], Online, null },
        { nameof(WorkspaceTrigger.Wake), [WorkspaceStatus.Hibernated], Provisioning, EventTypes.WorkspaceProvisioning },
        { nameof(WorkspaceTrigger.Remove), [Provisioning, Online, Offline, Degraded, Failed, Paused, WorkspaceStatus.Hibernated, AwaitingAgent, Hibernating], Removed, EventTypes.WorkspaceRemoved },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_trigger_moves_from_exactly_its_statuses_to_its_target_with_its_event(
        string triggerName, WorkspaceStatus[] from, WorkspaceStatus to, string? eventType)
    {
        var trigger = Enum.Parse<WorkspaceTrigger>(triggerName);
        var transition = StatusMachine.For(trigger);

        transition.From.OrderBy(status => status).ShouldBe(from.OrderBy(status => status));
        transition.To.ShouldBe(to);
        transition.Event.ShouldBe(eventType);
        foreach (var status in Enum.GetValues<WorkspaceStatus>())
        {
            StatusMachine.Allows(status, trigger).ShouldBe(from.Contains(status), $"{trigger} from {status}");
        }
    }

    [Fact]
    public void Every_trigger_has_a_row()
    {
        StatusMachine.All.Select(transition => transition.Trigger)
            .ShouldBe(Enum.GetValues<WorkspaceTrigger>(), ignoreOrder: true);
    }

    [Fact]
    public void Nothing_but_creation_leads_anywhere_from_removed_so_a_deleted_workspace_stays_deleted()
    {
        StatusMachine.All.Where(transition => transition.Allows(Removed)).ShouldBeEmpty();
    }

    [Fact]
    public void The_sql_guard_lists_wire_names()
    {
        StatusMachine.For(WorkspaceTrigger.HibernateClaimed).FromWire.ShouldBe(["degraded", "online"]);
    }

    [Fact]
    public void Every_status_the_enum_has_is_reachable()
    {
        StatusMachine.All.Select(transition => transition.To).Distinct()
            .ShouldBe(Enum.GetValues<WorkspaceStatus>(), ignoreOrder: true);
    }
}
