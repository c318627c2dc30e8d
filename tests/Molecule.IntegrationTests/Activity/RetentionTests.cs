using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Molecule.A2A.Activity.Retention;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

public sealed class RetentionTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task A_pass_deletes_rows_older_than_the_retention_as_seen_by_the_clock()
    {
        var ws = await app.SeedWorkspaceAsync("retained");
        var now = DateTimeOffset.UtcNow;
        await app.AddActivityAsync(ws, summary: "eight days", createdAt: now.AddDays(-8));
        await app.AddActivityAsync(ws, summary: "six days", createdAt: now.AddDays(-6));
        await app.AddActivityAsync(ws, summary: "fresh", createdAt: now);
        var clock = new FakeTimeProvider(now);
        var retention = new ActivityRetention(app.Db, Options.Create(new ActivityRetentionOptions { RetentionDays = 7 }), clock);

        (await retention.PurgeOnceAsync()).ShouldBe(1);
        (await Summaries(ws)).ShouldBe(["fresh", "six days"]);

        clock.SetUtcNow(now.AddDays(2));
        (await retention.PurgeOnceAsync()).ShouldBe(1);
        (await Summaries(ws)).ShouldBe(["fresh"]);
    }

    [Fact]
    public async Task A_pass_works_through_more_rows_than_one_batch()
    {
        var ws = await app.SeedWorkspaceAsync("bulk");
        await app.ExecuteSqlAsync(
            $"INSERT INTO activity_logs (workspace_id, activity_type, created_at) SELECT '{ws}', 'agent_log', now() - interval '30 days' FROM generate_series(1, {ActivityRetention.BatchSize + 10})");
        var retention = new ActivityRetention(app.Db, Options.Create(new ActivityRetentionOptions()), TimeProvider.System);

        (await retention.PurgeOnceAsync()).ShouldBeGreaterThanOrEqualTo(ActivityRetention.BatchSize + 10);
        (await app.ScalarAsync<long>($"SELECT count(*) FROM activity_logs WHERE workspace_id = '{ws}'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_retention_of_zero_days_stops_the_boot()
    {
        var boot = () => ActivityApp.StartWithAsync(new Dictionary<string, string?> { ["ACTIVITY_RETENTION_DAYS"] = "0" });

        (await boot.ShouldThrowAsync<OptionsValidationException>()).Message.ShouldContain("ACTIVITY_RETENTION_DAYS must be positive");
    }

    private async Task<List<string>> Summaries(Guid ws) =>
        [.. (await app.RowsAsync($"SELECT summary FROM activity_logs WHERE workspace_id = '{ws}' ORDER BY summary")).Select(r => r["summary"]!.GetValue<string>())];
}
