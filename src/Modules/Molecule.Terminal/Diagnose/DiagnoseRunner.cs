using System.Globalization;

namespace Molecule.Terminal.Diagnose;

/// <summary>
/// Runs stages in order and stops at the first failure. Every stage is bounded by
/// <see cref="StageTimeout"/>; a stage that throws or times out is a failed step carrying the
/// reason, so a diagnosis always completes (the endpoint answers 200 whatever broke).
/// </summary>
internal sealed class DiagnoseRunner(TimeProvider clock)
{
    public static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<DiagnoseStep>> RunAsync(
        IReadOnlyList<DiagnoseStage> stages, CancellationToken cancellationToken, TimeSpan? stageTimeout = null)
    {
        var timeout = stageTimeout ?? StageTimeout;
        var steps = new List<DiagnoseStep>(stages.Count);
        foreach (var stage in stages)
        {
            var started = clock.GetTimestamp();
            var outcome = await RunOneAsync(stage, timeout, cancellationToken);
            var elapsed = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            steps.Add(new DiagnoseStep(stage.Name, outcome.Ok, elapsed, outcome.Error, outcome.Detail));
            if (!outcome.Ok)
            {
                break;
            }
        }

        return steps;
    }

    private async Task<StageOutcome> RunOneAsync(DiagnoseStage stage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await stage.RunAsync(deadline.Token).WaitAsync(timeout, clock, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return StageOutcome.Fail($"timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A diagnosis reports what broke instead of failing itself.
            return StageOutcome.Fail(exception.Message, exception.GetType().Name);
        }
    }
}
