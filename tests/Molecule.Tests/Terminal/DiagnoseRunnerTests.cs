using Molecule.Terminal.Diagnose;

namespace Molecule.Tests.Terminal;

public sealed class DiagnoseRunnerTests
{
    private readonly DiagnoseRunner _runner = new(TimeProvider.System);

    [Fact]
    public async Task All_stages_passing_make_an_ok_diagnosis_without_a_first_failure()
    {
        var steps = await _runner.RunAsync([Passing("a", "seen a"), Passing("b")], CancellationToken.None);

        var diagnosis = TerminalDiagnosis.Of(Guid.Empty, "docker", null, steps);
        diagnosis.Ok.ShouldBeTrue();
        diagnosis.FirstFailure.ShouldBeNull();
        steps.Select(step => (step.Name, step.Ok, step.Detail)).ShouldBe([("a", true, "seen a"), ("b", true, "")]);
    }

    [Fact]
    public async Task The_first_failure_stops_the_run_and_later_stages_are_not_listed_or_run()
    {
        var laterRan = false;
        DiagnoseStage later = new("c", _ =>
        {
            laterRan = true;
            return Task.FromResult(StageOutcome.Pass());
        });

        var steps = await _runner.RunAsync(
            [Passing("a"), new("b", _ => Task.FromResult(StageOutcome.Fail("broke", "why"))), later], CancellationToken.None);

        var diagnosis = TerminalDiagnosis.Of(Guid.Empty, "docker", null, steps);
        diagnosis.Ok.ShouldBeFalse();
        diagnosis.FirstFailure.ShouldBe("b");
        steps.Select(step => step.Name).ShouldBe(["a", "b"]);
        (steps[1].Error, steps[1].Detail).ShouldBe(("broke", "why"));
        laterRan.ShouldBeFalse();
    }

    [Fact]
    public async Task A_stage_that_throws_is_a_failed_step_carrying_the_message()
    {
        var steps = await _runner.RunAsync(
            [new("boom", _ => throw new InvalidOperationException("engine said no"))], CancellationToken.None);

        steps.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            step => step.Ok.ShouldBeFalse(),
            step => step.Error.ShouldBe("engine said no"),
            step => step.Detail.ShouldBe(nameof(InvalidOperationException)));
    }

    [Fact]
    public async Task A_stage_that_runs_past_its_timeout_fails_as_timed_out_even_if_it_ignores_cancellation()
    {
        var release = new TaskCompletionSource<StageOutcome>();
        try
        {
            var steps = await _runner.RunAsync(
                [new("slow", _ => release.Task), Passing("after")], CancellationToken.None, stageTimeout: TimeSpan.FromMilliseconds(50));

            steps.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                step => step.Name.ShouldBe("slow"),
                step => step.Ok.ShouldBeFalse(),
                step => step.Error.ShouldBe("timed out after 0.05s"));
        }
        finally
        {
            release.SetResult(StageOutcome.Pass());
        }
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_step()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => _runner.RunAsync(
            [new("waits", token => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => StageOutcome.Pass(), token))], cancelled.Token));
    }

    [Fact]
    public void No_steps_is_not_ok()
    {
        TerminalDiagnosis.Of(Guid.Empty, "docker", null, []).Ok.ShouldBeFalse();
    }

    private static DiagnoseStage Passing(string name, string detail = "") => new(name, _ => Task.FromResult(StageOutcome.Pass(detail)));
}
