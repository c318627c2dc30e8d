using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Workspaces.Lifecycle;

/// <summary>
/// A status change in one place: the guarded UPDATE, then — only when it matched — the trigger's
/// event recorded and broadcast. Every route and sweep of this module and every other module (through
/// <see cref="IWorkspaceLifecycle.TransitionAsync"/>) changes a status here.
/// </summary>
internal sealed class StatusTransitions(NpgsqlDataSource db, WorkspaceEvents events, TimeProvider clock)
{
    public async Task<WorkspaceRef?> ApplyAsync(Guid workspaceId, StatusChange change, CancellationToken cancellationToken)
    {
        WorkspaceRef? written;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            written = (await StatusWrites.ApplyAsync(connection, change, workspaceId, clock.GetUtcNow(), cancellationToken))?.ToRef();
        }

        if (written is not null && StatusMachine.For(change.Trigger).Event is not null)
        {
            await events.PublishAsync(change.Trigger, workspaceId, change.Payload ?? [], cancellationToken);
        }

        return written;
    }
}
