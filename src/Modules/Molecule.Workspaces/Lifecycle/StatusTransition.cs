using Molecule.Kernel.Workspaces;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// One row of the status table: the statuses a trigger may start from, where it leads, and the
/// event it emits (null: none). An empty <see cref="From"/> means the trigger creates the row.
/// </summary>
internal sealed record StatusTransition(
    WorkspaceTrigger Trigger,
    IReadOnlySet<WorkspaceStatus> From,
    WorkspaceStatus To,
    string? Event)
{
    public bool Allows(WorkspaceStatus from) => From.Contains(from);

    /// <summary>The <c>From</c> statuses as wire names, for a guarded SQL update.</summary>
    public string[] FromWire { get; } = From.Select(status => status.ToWire()).Order(StringComparer.Ordinal).ToArray();
}
