using System.Text.Json.Nodes;
using Molecule.Kernel.Workspaces;

namespace Molecule.Registry.Heartbeat;

/// <summary>
/// A status change a heartbeat asks for, with the payload of the event that announces it. Where it
/// leads and the event's name are the status machine's row for <paramref name="Trigger"/>.
/// </summary>
internal sealed record HeartbeatTransition(WorkspaceTrigger Trigger, JsonObject Payload);

/// <summary>
/// Which heartbeat triggers of the status machine (spec §5) a heartbeat fires, decided against the
/// status read once before the heartbeat was applied. Pure, so every rule is unit-tested.
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
                return [new(WorkspaceTrigger.HeartbeatRecovered, new JsonObject { ["recovered_from"] = "provisioning" })];
            case WorkspaceStatus.Offline:
                return [new(WorkspaceTrigger.HeartbeatRecovered, [])];
            case WorkspaceStatus.Online:
                var transitions = new List<HeartbeatTransition>();
                if (heartbeat.RuntimeState == "wedged")
                {
                    transitions.Add(new(WorkspaceTrigger.HeartbeatDegraded, new JsonObject { ["runtime_state"] = "wedged", ["sample_error"] = sampleError }));
                }

                if (!agentManagesStatus && heartbeat.ErrorRate >= DegradeAtErrorRate)
                {
                    transitions.Add(new(WorkspaceTrigger.HeartbeatDegraded, new JsonObject { ["error_rate"] = heartbeat.ErrorRate, ["sample_error"] = sampleError }));
                }

                return transitions;
            case WorkspaceStatus.Degraded when !agentManagesStatus &&
                                               heartbeat.ErrorRate < RecoverBelowErrorRate &&
                                               string.IsNullOrEmpty(heartbeat.RuntimeState):
                return [new(WorkspaceTrigger.HeartbeatHealthy, [])];
            default:
                return [];
        }
    }
}
