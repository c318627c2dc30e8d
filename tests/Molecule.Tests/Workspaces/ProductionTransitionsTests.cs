using Molecule.Kernel.Workspaces;
using Molecule.Provisioner.Health;
using Molecule.Registry.Heartbeat;
using Molecule.Workspaces.Lifecycle;
using static Molecule.Kernel.Workspaces.WorkspaceStatus;
using static Molecule.Kernel.Workspaces.WorkspaceTrigger;

namespace Molecule.Tests.Workspaces;

/// <summary>
/// Every (trigger, from-status) pair production code fires, with what the status machine answers.
/// A caller that decides to fire a trigger from a status the machine refuses (or a machine row that
/// no longer lets a real case through) fails here, not in production as a silently ignored write.
/// </summary>
public sealed class ProductionTransitionsTests
{
    public static TheoryData<string, WorkspaceTrigger, WorkspaceStatus, bool> Pairs
    {
        get
        {
            var pairs = new TheoryData<string, WorkspaceTrigger, WorkspaceStatus, bool>();

            // POST /registry/register fires for whatever the row holds; only a removed workspace stays removed.
            foreach (var status in Enum.GetValues<WorkspaceStatus>())
            {
                pairs.Add("register", Registered, status, status != Removed);
            }

            // Heartbeats: the two recoveries, both degrade events of one heartbeat (the second starts
            // from degraded), the recovery from degraded; and the races the guard refuses.
            pairs.Add("heartbeat", HeartbeatRecovered, Provisioning, true);
            pairs.Add("heartbeat", HeartbeatRecovered, Offline, true);
            pairs.Add("heartbeat racing register", HeartbeatRecovered, Online, false);
            pairs.Add("heartbeat", HeartbeatDegraded, Online, true);
            pairs.Add("heartbeat, second degrade event", HeartbeatDegraded, Degraded, true);
            pairs.Add("heartbeat racing pause", HeartbeatDegraded, Paused, false);
            pairs.Add("heartbeat", HeartbeatHealthy, Degraded, true);
            pairs.Add("heartbeat racing hibernate", HeartbeatHealthy, Hibernating, false);

            // The liveness sweep: only a live agent can fall silent; it reads candidates with this row.
            foreach (var status in Enum.GetValues<WorkspaceStatus>())
            {
                pairs.Add("liveness sweep", LivenessExpired, status, status is Online or Degraded);
            }

            // The dead-agent check fires for everything but removed and provisioning; the container exit
            // handler and the reconciler for online/degraded. Only a live agent goes offline.
            foreach (var status in Enum.GetValues<WorkspaceStatus>().Where(status => status is not (Removed or Provisioning)))
            {
                pairs.Add("dead agent", ComputeDied, status, status is Online or Degraded);
            }

            pairs.Add("container exit", ProvisionFailed, Provisioning, true);
            pairs.Add("provisioner", ProvisionFailed, Provisioning, true);
            pairs.Add("late provisioner failure after register", ProvisionFailed, Online, false);
            foreach (var status in new[] { Provisioning, Online, Degraded, Offline })
            {
                pairs.Add("crash loop", CrashLooped, status, true);
            }

            pairs.Add("crash loop racing pause", CrashLooped, Paused, false);
            pairs.Add("crash loop racing delete", CrashLooped, Removed, false);
            pairs.Add("provision timeout sweep", ProvisionTimedOut, Provisioning, true);
            pairs.Add("provision timeout sweep racing register", ProvisionTimedOut, Online, false);
            pairs.Add("bootstrap-failed", BootstrapFailed, Provisioning, true);
            pairs.Add("bootstrap-failed after register", BootstrapFailed, Online, false);
            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_status_machine_answers_each_pair_production_fires(string caller, WorkspaceTrigger trigger, WorkspaceStatus from, bool allowed) =>
        StatusMachine.Allows(from, trigger).ShouldBe(allowed, $"{caller}: {trigger} from {from}");

    [Fact]
    public void Every_trigger_the_heartbeat_rules_fire_is_allowed_from_the_status_they_decided_on()
    {
        HeartbeatRequest[] beats =
        [
            new("id", 0, "", 0, 0, null, 0, null, null),
            new("id", 0.7, "boom", 0, 0, null, 0, "wedged", null),
            new("id", 0.05, "", 0, 0, null, 0, null, null),
        ];
        foreach (var status in Enum.GetValues<WorkspaceStatus>())
        {
            foreach (var beat in beats)
            {
                var current = status;
                foreach (var transition in HeartbeatRules.Decide(status, beat, agentManagesStatus: false))
                {
                    StatusMachine.Allows(current, transition.Trigger).ShouldBeTrue($"{transition.Trigger} from {current}");
                    current = StatusMachine.For(transition.Trigger).To;
                }
            }
        }
    }

    [Fact]
    public void Every_container_exit_the_handler_acts_on_is_allowed_from_the_status_it_decided_on()
    {
        foreach (var status in Enum.GetValues<WorkspaceStatus>())
        {
            foreach (var exits in new[] { 1, ExitDecision.RepeatedExits })
            {
                var trigger = ExitDecision.For(new WorkspaceHealthRow(Guid.NewGuid(), status.ToWire(), null, "langgraph"), exits) switch
                {
                    ExitAction.MarkOffline => ComputeDied,
                    ExitAction.FailStart => ProvisionFailed,
                    ExitAction.FailCrashLoop => CrashLooped,
                    _ => (WorkspaceTrigger?)null,
                };
                if (trigger is { } fired)
                {
                    StatusMachine.Allows(status, fired).ShouldBeTrue($"{fired} from {status}");
                }
            }
        }
    }
}
