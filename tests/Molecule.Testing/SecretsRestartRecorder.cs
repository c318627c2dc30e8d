using System.Collections.Concurrent;
using Molecule.Kernel.Workspaces;

namespace Molecule.Testing;

/// <summary>
/// An <see cref="IWorkspaceLifecycle"/> that only records restart requests, so tests can assert
/// which workspaces a secret change asked to restart.
/// </summary>
public sealed class SecretsRestartRecorder : IWorkspaceLifecycle
{
    private readonly ConcurrentQueue<(Guid WorkspaceId, string Reason)> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<(Guid WorkspaceId, string Reason)> Requests => [.. _requests];

    public Task<bool> RestartAsync(Guid workspaceId, string reason, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue((workspaceId, reason));
        _arrived.Release();
        return Task.FromResult(true);
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until every id was asked to restart.</summary>
    public async Task<IReadOnlyList<(Guid WorkspaceId, string Reason)>> WaitForAsync(TimeSpan timeout, params Guid[] workspaceIds)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!workspaceIds.All(id => _requests.Any(request => request.WorkspaceId == id)))
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var missing = workspaceIds.Where(id => _requests.All(request => request.WorkspaceId != id));
                throw new TimeoutException($"no restart requested within {timeout} for: {string.Join(", ", missing)}");
            }
        }

        return Requests;
    }
}
