using System.Collections.Concurrent;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;

namespace Molecule.Testing;

/// <summary>
/// A compute backend that records what it was asked to do, for tests of the paths that need a
/// backend that can start (the real ones are not built yet) or that fails to stop.
/// </summary>
public sealed class WorkspacesFakeCompute : IWorkspaceCompute
{
    public ConcurrentQueue<(string Action, Guid WorkspaceId)> Calls { get; } = new();

    public ConcurrentQueue<ProvisionRequest> StartRequests { get; } = new();

    /// <summary>What a start answers; by default a started workspace reachable on a loopback URL.</summary>
    public Func<ProvisionRequest, ProvisionResult> OnStart { get; set; } =
        request => new ProvisionResult(true, "http://127.0.0.1:18000", null, null);

    /// <summary>When set, stop and delete throw this operator-facing failure.</summary>
    public string? StopFailure { get; set; }

    public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("start", request.Workspace.Id));
        StartRequests.Enqueue(request);
        return Task.FromResult(OnStart(request));
    }

    public Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Record("stop", workspace);

    public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => Record("delete", workspace);

    public IReadOnlyList<Guid> CallsTo(string action) => Calls.Where(call => call.Action == action).Select(call => call.WorkspaceId).ToList();

    private Task Record(string action, WorkspaceRef workspace)
    {
        Calls.Enqueue((action, workspace.Id));
        return StopFailure is null ? Task.CompletedTask : throw new ComputeOperationException(StopFailure);
    }
}
