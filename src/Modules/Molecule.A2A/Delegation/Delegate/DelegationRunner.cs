using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.A2A.Delegation.Dispatch;

namespace Molecule.A2A.Delegation.Delegate;

/// <summary>
/// Carries a delegation out after the 202: dispatched, then answered (complete), queued behind a busy
/// agent, or failed — with one retry after a transient failure.
/// </summary>
internal sealed partial class DelegationRunner(
    A2ADispatcher dispatcher,
    DelegationOutcomes outcomes,
    IOptions<DelegationOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DelegationRunner> logger)
{
    public void Start(DelegationTask delegation) =>
        _ = Task.Run(() => RunGuardedAsync(delegation, lifetime.ApplicationStopping));

    public async Task RunAsync(DelegationTask delegation, CancellationToken cancellationToken)
    {
        await outcomes.StatusAsync(delegation.Source, delegation.Id, delegation.Target, "dispatched", cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var outcome = await dispatcher.SendAsync(delegation.Source, delegation.Target, delegation.Message(), cancellationToken);
        if (outcome is { Result: DispatchResult.Failed, Transient: true })
        {
            LogRetrying(delegation.Id, outcome.Error!, options.Value.RetryDelayMilliseconds);
            await Task.Delay(options.Value.RetryDelay, clock, cancellationToken);
            outcome = await dispatcher.SendAsync(delegation.Source, delegation.Target, delegation.Message(), cancellationToken);
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var id = delegation.Id.ToString();
        switch (outcome.Result)
        {
            case DispatchResult.Queued:
                await outcomes.StatusAsync(delegation.Source, delegation.Id, delegation.Target, "queued", cancellationToken);
                break;
            case DispatchResult.Delivered when AgentAnswer.From(outcome.Delivery!) is { Text: { } text }:
                await outcomes.CompletedAsync(delegation.Source, id, delegation.Target, text, null, elapsed, cancellationToken);
                break;
            case DispatchResult.Delivered:
                await outcomes.FailedAsync(delegation.Source, id, delegation.Target, AgentAnswer.From(outcome.Delivery!).Error!, elapsed, cancellationToken);
                break;
            default:
                await outcomes.FailedAsync(delegation.Source, id, delegation.Target, outcome.Error!, elapsed, cancellationToken);
                break;
        }
    }

    private async Task RunGuardedAsync(DelegationTask delegation, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(delegation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogAbandoned(delegation.Id);
        }
        catch (Exception exception)
        {
            // Nobody awaits this task: without this the failure would vanish unobserved.
            LogFailed(exception, delegation.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "delegation {DelegationId} failed transiently ({Error}); retrying in {DelayMs} ms")]
    private partial void LogRetrying(Guid delegationId, string error, int delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "delegation {DelegationId} abandoned: the server is stopping")]
    private partial void LogAbandoned(Guid delegationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "delegation {DelegationId} could not be carried out")]
    private partial void LogFailed(Exception exception, Guid delegationId);
}
