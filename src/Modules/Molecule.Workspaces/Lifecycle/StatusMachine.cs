using System.Collections.Frozen;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// The workspace status machine in one place. Nothing writes a status by hand: every change names its
/// trigger (<see cref="StatusTransitions"/>, <see cref="IWorkspaceLifecycle.TransitionAsync"/>), and this
/// table guards the UPDATE with the trigger's <c>From</c> set and names its event. Where the reference's
/// table is looser (restart of a removed workspace, hibernation with tasks, liveness expiry of a
/// workspace that never came up), this table is the rule. Every row is fired by production code.
/// </summary>
internal static class StatusMachine
{
    private static readonly FrozenDictionary<WorkspaceTrigger, StatusTransition> Table = Build(
        new(WorkspaceTrigger.Created, Set(), WorkspaceStatus.Provisioning, EventTypes.WorkspaceProvisioning),
        new(WorkspaceTrigger.ExternalReachable, Set(WorkspaceStatus.Provisioning), WorkspaceStatus.Online, EventTypes.WorkspaceOnline),
        new(WorkspaceTrigger.ExternalAwaitingAgent, Set(WorkspaceStatus.Provisioning), WorkspaceStatus.AwaitingAgent, EventTypes.WorkspaceAwaitingAgent),
        new(WorkspaceTrigger.Registered, AllExcept(WorkspaceStatus.Removed), WorkspaceStatus.Online, EventTypes.WorkspaceOnline),
        new(WorkspaceTrigger.HeartbeatRecovered, Set(WorkspaceStatus.Provisioning, WorkspaceStatus.Offline), WorkspaceStatus.Online, EventTypes.WorkspaceOnline),
        new(WorkspaceTrigger.HeartbeatDegraded, Set(WorkspaceStatus.Online, WorkspaceStatus.Degraded), WorkspaceStatus.Degraded, EventTypes.WorkspaceDegraded),
        new(WorkspaceTrigger.HeartbeatHealthy, Set(WorkspaceStatus.Degraded), WorkspaceStatus.Online, EventTypes.WorkspaceOnline),
        new(WorkspaceTrigger.ProvisionFailed, Set(WorkspaceStatus.Provisioning), WorkspaceStatus.Failed, EventTypes.WorkspaceProvisionFailed),
        new(WorkspaceTrigger.ProvisionTimedOut, Set(WorkspaceStatus.Provisioning), WorkspaceStatus.Failed, EventTypes.WorkspaceProvisionFailed),
        new(WorkspaceTrigger.BootstrapFailed, Set(WorkspaceStatus.Provisioning), WorkspaceStatus.Failed, EventTypes.WorkspaceProvisionFailed),
        new(WorkspaceTrigger.LivenessExpired, Set(WorkspaceStatus.Online, WorkspaceStatus.Degraded), WorkspaceStatus.Offline, EventTypes.WorkspaceOffline),
        new(WorkspaceTrigger.ComputeDied, Set(WorkspaceStatus.Online, WorkspaceStatus.Degraded), WorkspaceStatus.Offline, EventTypes.WorkspaceOffline),
        new(WorkspaceTrigger.CrashLooped, Set(WorkspaceStatus.Provisioning, WorkspaceStatus.Online, WorkspaceStatus.Degraded, WorkspaceStatus.Offline), WorkspaceStatus.Failed, EventTypes.WorkspaceProvisionFailed),
        new(WorkspaceTrigger.Restart, AllExcept(WorkspaceStatus.Removed), WorkspaceStatus.Provisioning, EventTypes.WorkspaceProvisioning),
        new(WorkspaceTrigger.AutoRestart, AllExcept(WorkspaceStatus.Removed, WorkspaceStatus.Paused, WorkspaceStatus.Hibernating, WorkspaceStatus.Hibernated), WorkspaceStatus.Provisioning, EventTypes.WorkspaceProvisioning),
        new(WorkspaceTrigger.Pause, AllExcept(WorkspaceStatus.Removed, WorkspaceStatus.Paused), WorkspaceStatus.Paused, EventTypes.WorkspacePaused),
        new(WorkspaceTrigger.Resume, Set(WorkspaceStatus.Paused), WorkspaceStatus.Provisioning, EventTypes.WorkspaceProvisioning),
        new(WorkspaceTrigger.HibernateClaimed, Set(WorkspaceStatus.Online, WorkspaceStatus.Degraded), WorkspaceStatus.Hibernating, null),
        new(WorkspaceTrigger.Hibernated, Set(WorkspaceStatus.Hibernating), WorkspaceStatus.Hibernated, EventTypes.WorkspaceHibernated),
        new(WorkspaceTrigger.HibernateAborted, Set(WorkspaceStatus.Hibernating), WorkspaceStatus.Online, null),
        new(WorkspaceTrigger.Wake, Set(WorkspaceStatus.Hibernated), WorkspaceStatus.Provisioning, EventTypes.WorkspaceProvisioning),
        new(WorkspaceTrigger.Remove, AllExcept(WorkspaceStatus.Removed), WorkspaceStatus.Removed, EventTypes.WorkspaceRemoved));

    public static IReadOnlyCollection<StatusTransition> All => Table.Values;

    public static StatusTransition For(WorkspaceTrigger trigger) => Table[trigger];

    public static bool Allows(WorkspaceStatus from, WorkspaceTrigger trigger) => Table[trigger].Allows(from);

    private static FrozenDictionary<WorkspaceTrigger, StatusTransition> Build(params StatusTransition[] transitions)
    {
        var table = transitions.ToFrozenDictionary(transition => transition.Trigger);
        var missing = Enum.GetValues<WorkspaceTrigger>().Where(trigger => !table.ContainsKey(trigger)).ToList();
        return missing.Count == 0
            ? table
            : throw new InvalidOperationException($"status machine has no transition for {string.Join(", ", missing)}");
    }

    private static FrozenSet<WorkspaceStatus> Set(params WorkspaceStatus[] statuses) => statuses.ToFrozenSet();

    private static FrozenSet<WorkspaceStatus> AllExcept(params WorkspaceStatus[] excluded) =>
        Enum.GetValues<WorkspaceStatus>().Except(excluded).ToFrozenSet();
}
