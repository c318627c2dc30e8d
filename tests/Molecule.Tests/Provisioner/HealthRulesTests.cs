using Microsoft.Extensions.Time.Testing;
using Molecule.Provisioner.Docker;
using Molecule.Provisioner.Health;

namespace Molecule.Tests.Provisioner;

public sealed class HealthRulesTests
{
    private static WorkspaceHealthRow Row(string status, string? instanceId = null, string runtime = "langgraph") =>
        new(Guid.NewGuid(), status, instanceId, runtime);

    [Theory]
    [InlineData("provisioning", 1, "FailStart")]
    [InlineData("online", 1, "MarkOffline")]
    [InlineData("degraded", 2, "MarkOffline")]
    [InlineData("online", 3, "FailCrashLoop")]
    [InlineData("paused", 1, "Ignore")]
    [InlineData("hibernated", 1, "Ignore")]
    [InlineData("hibernating", 1, "Ignore")]
    [InlineData("removed", 1, "Ignore")]
    [InlineData("failed", 1, "Ignore")]
    [InlineData("offline", 1, "Ignore")]
    public void An_exit_means_what_the_row_expected(string status, int exits, string action) =>
        ExitDecision.For(Row(status), exits).ToString().ShouldBe(action);

    [Fact]
    public void Exits_of_rows_that_are_gone_on_ec2_or_external_are_not_ours()
    {
        ExitDecision.For(null, 1).ShouldBe(ExitAction.Ignore);
        ExitDecision.For(Row("online", instanceId: "i-1"), 1).ShouldBe(ExitAction.Ignore);
        ExitDecision.For(Row("online", runtime: "external"), 1).ShouldBe(ExitAction.Ignore);
    }

    [Fact]
    public void A_row_created_on_ec2_is_not_ours_before_it_has_an_instance()
    {
        // The dispatch rule, not an empty instance_id, decides: the watcher must not fail an EC2
        // workspace because a Docker container with its name died.
        ExitDecision.For(new WorkspaceHealthRow(Guid.NewGuid(), "provisioning", null, "langgraph", "ec2"), 1).ShouldBe(ExitAction.Ignore);
        ExitDecision.For(new WorkspaceHealthRow(Guid.NewGuid(), "provisioning", null, "langgraph", "docker"), 1).ShouldBe(ExitAction.FailStart);
    }

    [Fact]
    public void Exit_history_counts_only_the_window()
    {
        var clock = new FakeTimeProvider();
        var history = new ExitHistory(clock);
        var id = Guid.NewGuid();

        history.Record(id).ShouldBe(1);
        clock.Advance(TimeSpan.FromMinutes(6));
        history.Record(id).ShouldBe(2);
        history.Record(Guid.NewGuid()).ShouldBe(1);
        clock.Advance(TimeSpan.FromMinutes(5));
        history.Record(id).ShouldBe(2);
    }

    [Fact]
    public void Log_tails_mask_secret_values_and_bearer_tokens()
    {
        var masked = ContainerLogTail.Mask(
            "key=sk-live-123456 again sk-live-123456\nAuthorization: Bearer abc.DEF-123_x=\nshort abc",
            ["sk-live-123456", "abc"]);

        masked.ShouldBe("key=[REDACTED] again [REDACTED]\nAuthorization: Bearer [REDACTED]\nshort abc");
    }

    [Fact]
    public void Log_tails_keep_the_last_lines_and_bytes()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 80).Select(i => $"line {i}")) + "\n";
        var tail = ContainerLogTail.Tail(lines);
        tail.Split('\n').Length.ShouldBe(ContainerLogTail.Lines);
        tail.ShouldStartWith("line 31");
        tail.ShouldEndWith("line 80");

        var wide = ContainerLogTail.Tail(new string('é', 5000));
        wide.ShouldStartWith("...(truncated)...\n");
        System.Text.Encoding.UTF8.GetByteCount(wide["...(truncated)...\n".Length..]).ShouldBeLessThanOrEqualTo(ContainerLogTail.MaxBytes);
        wide.ShouldNotContain("\uFFFD");
    }

    [Fact]
    public void Operations_keep_a_workspace_busy_briefly_and_remember_the_containers_they_ended()
    {
        var clock = new FakeTimeProvider();
        var operations = new ContainerOperations(clock);
        var id = Guid.NewGuid();

        operations.IsBusy(id).ShouldBeFalse();
        var operation = operations.Begin(id);
        operations.ExpectExit("c1");
        operations.IsBusy(id).ShouldBeTrue();
        operation.Dispose();
        operations.IsBusy(id).ShouldBeTrue();
        clock.Advance(ContainerOperations.Grace);
        operations.IsBusy(id).ShouldBeFalse();
        operations.IsExpectedExit("c1").ShouldBeTrue();
        operations.IsExpectedExit("c2").ShouldBeFalse();
        clock.Advance(ContainerOperations.ExpectedExitMemory);
        operations.IsExpectedExit("c1").ShouldBeFalse();
    }

    [Fact]
    public void The_event_stream_reconnects_with_a_doubling_backoff_capped_at_thirty_seconds()
    {
        var delays = new List<TimeSpan> { ContainerExitWatcher.FirstRetry };
        for (var i = 0; i < 7; i++)
        {
            delays.Add(ContainerExitWatcher.Next(delays[^1]));
        }

        delays.Select(delay => delay.TotalSeconds).ShouldBe([1, 2, 4, 8, 16, 30, 30, 30]);
    }
}
