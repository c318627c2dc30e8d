using System.Text.Json.Nodes;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;

namespace Molecule.Registry.Heartbeat;

/// <summary>A status change a heartbeat causes, with the event that announces it.</summary>
internal sealed record HeartbeatTransition(WorkspaceStatus From, WorkspaceStatus To, string Event, JsonObject Payload);

/// <summary>
/// The heartbeat rows of the status machine (spec §5), decided against the status read once before
/// the heartbeat was applied. Pure, so every rule is unit-tested.
/// </summary>
internal static class HeartbeatRules
{
    public const double DegradeAtErrorRate = 0.5;
    public const double RecoverBelowErrorRate = 0.1;

    public static IReadOnlyList<HeartbeatTransition> Decide(WorkspaceStatus current, HeartbeatRequest heartbeat, bool agentManagesStatus)
    {
        var sampleError = heartbeat.SampleError ?? "";
        switch (current)
        {
            case WorkspaceStatus.Provisioning:
                return [new(current, WorkspaceStatus.Online, EventTypes.WorkspaceOnline, new JsonObject { ["recovered_from"] = "provisioning" })];
            case WorkspaceStatus.Offline:
                return [new(current, WorkspaceStatus.Online, EventTypes.WorkspaceOnline, [])];
            case WorkspaceStatus.Online:
                var transitions = new List<HeartbeatTransition>();
                if (heartbeat.RuntimeState == "wedged")
                {
                    transitions.Add(new(current, WorkspaceStatus.Degraded, EventTypes.WorkspaceDegraded,
                        new JsonObject { ["runtime_state"] = "wedged", ["sample_error"] = sampleError }));
                }

                if (!agentManagesStatus && heartbeat.ErrorRate >= DegradeAtErrorRate)
                {
                    transitions.Add(new(current, WorkspaceStatus.Degraded, EventTypes.WorkspaceDegraded,
                        new JsonObject { ["error_rate"] = heartbeat.ErrorRate, ["sample_error"] = sampleError }));
                }

                return transitions;
            case WorkspaceStatus.Degraded when !agentManagesStatus &&
                                               heartbeat.ErrorRate < RecoverBelowErrorRate &&
                                               string.IsNullOrEmpty(heartbeat.RuntimeState):
                return [new(current, WorkspaceStatus.Online, EventTypes.WorkspaceOnline, [])];
            default:
                return [];
        }
    }
}
