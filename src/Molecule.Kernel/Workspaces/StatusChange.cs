using System.Text.Json.Nodes;

namespace Molecule.Kernel.Workspaces;

/// <summary>
/// A status change asked of <see cref="IWorkspaceLifecycle.TransitionAsync"/>: the trigger, the columns
/// that change with it, and the payload of the event it emits. The status it leads to, the statuses it
/// may start from and the event's name come from the Workspaces status machine, never from the caller.
/// </summary>
public sealed record StatusChange(WorkspaceTrigger Trigger)
{
    /// <summary>The event's payload; an empty object when null.</summary>
    public JsonObject? Payload { get; init; }

    /// <summary>Written to <c>last_sample_error</c> when set: why the workspace failed or went offline.</summary>
    public string? SampleError { get; init; }

    /// <summary>Written to <c>url</c> when set; <c>""</c> clears it.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// Only when the row was not touched after this instant (<c>updated_at</c>): a sweep that decided
    /// from an older read loses to a restart that got there first.
    /// </summary>
    public DateTimeOffset? UnchangedSince { get; init; }

    /// <summary>Only when the agent has been silent since this instant (<c>last_heartbeat_at</c> before it).</summary>
    public DateTimeOffset? SilentSince { get; init; }
}
