namespace Molecule.Provisioner.Docker;

/// <summary>
/// What this server is doing to workspace containers, so the exit watcher and the reconcile loop can
/// tell our own stops and removals from crashes: which workspaces have an operation running (or
/// just finished), and which containers we stopped or removed ourselves.
/// </summary>
internal sealed class ContainerOperations(TimeProvider clock)
{
    /// <summary>After an operation ends its workspace stays busy this long, for the engine's late news.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    /// <summary>How long a container we stopped or removed is remembered.</summary>
    public static readonly TimeSpan ExpectedExitMemory = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (int Running, DateTimeOffset QuietUntil)> _workspaces = [];
    private readonly Dictionary<string, DateTimeOffset> _expectedExits = new(StringComparer.Ordinal);

    /// <summary>Marks an operation on the workspace's container; dispose it when the operation is over.</summary>
    public IDisposable Begin(Guid workspaceId)
    {
        lock (_gate)
        {
            var (running, quietUntil) = _workspaces.GetValueOrDefault(workspaceId);
            _workspaces[workspaceId] = (running + 1, quietUntil);
        }

        return new Operation(this, workspaceId);
    }

    /// <summary>True while an operation runs on the workspace's container or within the grace after one.</summary>
    public bool IsBusy(Guid workspaceId)
    {
        lock (_gate)
        {
            if (!_workspaces.TryGetValue(workspaceId, out var state))
            {
                return false;
            }

            if (state.Running > 0 || clock.GetUtcNow() < state.QuietUntil)
            {
                return true;
            }

            _workspaces.Remove(workspaceId);
            return false;
        }
    }

    /// <summary>Call before stopping, killing or removing a container: its exit is ours.</summary>
    public void ExpectExit(string containerId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var (id, until) in _expectedExits.ToList())
            {
                if (until <= now)
                {
                    _expectedExits.Remove(id);
                }
            }

            _expectedExits[containerId] = now + ExpectedExitMemory;
        }
    }

    public bool IsExpectedExit(string containerId)
    {
        lock (_gate)
        {
            return _expectedExits.TryGetValue(containerId, out var until) && clock.GetUtcNow() < until;
        }
    }

    private void End(Guid workspaceId)
    {
        lock (_gate)
        {
            var (running, _) = _workspaces.GetValueOrDefault(workspaceId);
            _workspaces[workspaceId] = (Math.Max(0, running - 1), clock.GetUtcNow() + Grace);
        }
    }

    private sealed class Operation(ContainerOperations owner, Guid workspaceId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.End(workspaceId);
            }
        }
    }
}
