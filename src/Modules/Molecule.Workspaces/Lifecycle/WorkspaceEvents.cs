using System.Text.Json.Nodes;
using Molecule.Kernel.Events;
using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// Records and broadcasts the event of a status transition, with the reference's payload shapes
/// (spec/api-contract.md §6). The event name always comes from the status machine.
/// </summary>
internal sealed class WorkspaceEvents(IEventPublisher publisher)
{
    public Task PublishAsync(WorkspaceTrigger trigger, Guid workspaceId, JsonObject payload, CancellationToken cancellationToken)
    {
        var eventType = StatusMachine.For(trigger).Event
            ?? throw new InvalidOperationException($"{trigger} emits no event");
        return publisher.RecordAndBroadcastAsync(eventType, workspaceId, payload, cancellationToken);
    }

    public static JsonObject Provisioning(WorkspaceRef workspace) => new()
    {
        ["name"] = workspace.Name,
        ["tier"] = workspace.Tier,
        ["runtime"] = workspace.Runtime,
    };

    public static JsonObject External(string name) => new() { ["name"] = name, ["external"] = true };

    public static JsonObject Failed(string error) => new() { ["error"] = error };

    public static JsonObject Paused(WorkspaceRef workspace) => new() { ["name"] = workspace.Name };

    public static JsonObject Hibernated(WorkspaceRef workspace) => new() { ["name"] = workspace.Name, ["tier"] = workspace.Tier };

    public static JsonObject Removed() => [];

    public static JsonObject RemovedRoot(int cascadeDeleted) => new() { ["cascade_deleted"] = cascadeDeleted };

    public static JsonObject TimedOut(string error, TimeSpan timeout, string runtime) => new()
    {
        ["error"] = error,
        ["timeout_secs"] = (long)timeout.TotalSeconds,
        ["runtime"] = runtime,
        ["source"] = "provision_timeout_sweep",
    };

    public static JsonObject BootstrapFailed(string error, string logTail) => new()
    {
        ["error"] = error,
        ["log_tail"] = logTail,
        ["source"] = "bootstrap_watcher",
    };
}
