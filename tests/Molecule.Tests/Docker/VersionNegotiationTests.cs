using Molecule.Docker.Client;

namespace Molecule.Tests.Docker;

public sealed class VersionNegotiationTests
{
    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.9", "1.9")]
    [InlineData("1.52", "1.47")]
    [InlineData("2.0", "1.47")]
    [InlineData("garbage", "1.41")]
    [InlineData(null, "1.41")]
    public void Negotiation_takes_the_lower_of_daemon_and_client(string? server, string expected) =>
        ApiVersion.Negotiate(server).ToString().ShouldBe(expected);

    [Fact]
    public void Versions_order_numerically()
    {
        ApiVersion.TryParse("1.9", out var older).ShouldBeTrue();
        ApiVersion.TryParse("1.41", out var newer).ShouldBeTrue();

        older.CompareTo(newer).ShouldBeLessThan(0);
        newer.ToVersion().ShouldBe(new Version(1, 41));
        ApiVersion.TryParse("1", out _).ShouldBeFalse();
        ApiVersion.TryParse("1.x", out _).ShouldBeFalse();
        ApiVersion.TryParse("-1.2", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_negotiation_runs_once_for_concurrent_callers()
    {
        var runs = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = new OnceUntilSuccess<string>(() =>
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        });

        var callers = Enumerable.Range(0, 5).Select(_ => once.GetAsync(CancellationToken.None)).ToList();
        release.SetResult("1.41");

        (await Task.WhenAll(callers)).ShouldAllBe(version => version == "1.41");
        (await once.GetAsync(CancellationToken.None)).ShouldBe("1.41");
        runs.ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_negotiation_is_retried_by_the_next_caller()
    {
        var runs = 0;
        var once = new OnceUntilSuccess<string>(() => ++runs == 1
            ? Task.FromException<string>(new InvalidOperationException("daemon starting"))
            : Task.FromResult("1.41"));

        await Should.ThrowAsync<InvalidOperationException>(() => once.GetAsync(CancellationToken.None));
        (await once.GetAsync(CancellationToken.None)).ShouldBe("1.41");
        (await once.GetAsync(CancellationToken.None)).ShouldBe("1.41");
        runs.ShouldBe(2);
    }

    [Fact]
    public async Task A_caller_giving_up_does_not_cancel_the_shared_negotiation()
    {
        var runs = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var once = new OnceUntilSuccess<string>(() =>
        {
            runs++;
            return release.Task;
        });
        using var impatient = new CancellationTokenSource();

        var gaveUp = once.GetAsync(impatient.Token);
        await impatient.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => gaveUp);
        var patient = once.GetAsync(CancellationToken.None);
        release.SetResult("1.43");

        (await patient).ShouldBe("1.43");
        runs.ShouldBe(1);
    }
}
