using System.Collections.Concurrent;
using Molecule.Kernel.Workspaces;

namespace Molecule.Testing;

/// <summary>
/// An <see cref="IWorkspaceLifecycle"/> that only records restart requests, so tests can assert
/// which workspaces a secret change asked to restart. Status changes are not these tests' subject:
/// they are recorded and never applied, and no status counts as a starting point for a sweep.
/// </summary>
public sealed class SecretsRestartRecorder : IWorkspaceLifecycle
{
    private readonly ConcurrentQueue<RestartRequest> _requests = new();
    private readonly ConcurrentQueue<(Guid WorkspaceId, StatusChange Change)> _transitions = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<RestartRequest> Requests => [.. _requests];

    public IReadOnlyList<(Guid WorkspaceId, StatusChange Change)> Transitions => [.. _transitions];

    public Task<WorkspaceRef?> TransitionAsync(Guid workspaceId, StatusChange change, CancellationToken cancellationToken = default)
    {
        _transitions.Enqueue((workspaceId, change));
        return Task.FromResult<WorkspaceRef?>(null);
    }

    public IReadOnlySet<WorkspaceStatus> AllowedFrom(WorkspaceTrigger trigger) => new HashSet<WorkspaceStatus>();

    public Task<bool> RestartAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(new RestartRequest(workspaceId, reason));
        _arrived.Release();
        return Task.FromResult(true);
    }

    /// <summary>Secret changes never wake a hibernated workspace; a wake here is recorded as a failure to notice.</summary>
    public Task<bool> WakeAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"unexpected wake of {workspaceId}: {reason}");

    /// <summary>Waits, at most <paramref name="timeout"/>, until the recorded requests satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<RestartRequest>> WaitUntilAsync(
        Func<IReadOnlyList<RestartRequest>, bool> condition, TimeSpan timeout, string expectation)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition(Requests))
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"within {timeout}: expected {expectation}; recorded {Requests.Count} restart request(s)");
            }
        }

        return Requests;
    }

    /// <summary>Waits until every id was asked to restart at least once.</summary>
    public Task<IReadOnlyList<RestartRequest>> WaitForAsync(TimeSpan timeout, params Guid[] workspaceIds) =>
        WaitUntilAsync(
            requests => workspaceIds.All(id => requests.Any(request => request.WorkspaceId == id)),
            timeout,
            $"a restart of {string.Join(", ", workspaceIds)}");
}

public sealed record RestartRequest(Guid WorkspaceId, string Reason);
