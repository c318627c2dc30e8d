using Molecule.Events.Bus;
using Molecule.Kernel.Workspaces;

namespace Molecule.Events.EventSocket;

/// <summary>
/// An agent client: only events of workspaces its own workspace may communicate with. Decisions
/// are remembered for a short while so a busy hub does not ask the database per event per client;
/// a hierarchy change (re-parenting) reaches open connections once the entry expires.
/// Used by one connection's send loop only, so it is not thread-safe.
/// </summary>
internal sealed class WorkspaceAudience(Guid viewer, IWorkspaceHierarchy hierarchy, TimeProvider clock, TimeSpan remember) : IEventAudience
{
    // A connection rarely sees more distinct workspaces than this; past it, start afresh.
    private const int MaxRemembered = 1024;

    private readonly Dictionary<Guid, (bool Allowed, DateTimeOffset Until)> _decisions = [];

    public async ValueTask<bool> MaySeeAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // Platform-wide events carry no workspace, so no agent can claim a relation to them.
        if (envelope.WorkspaceId is not { } target)
        {
            return false;
        }

        if (target == viewer)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        if (_decisions.TryGetValue(target, out var decision) && decision.Until > now)
        {
            return decision.Allowed;
        }

        var allowed = await hierarchy.CanCommunicateAsync(viewer, target, cancellationToken);
        if (_decisions.Count >= MaxRemembered)
        {
            _decisions.Clear();
        }

        _decisions[target] = (allowed, now + remember);
        return allowed;
    }
}
