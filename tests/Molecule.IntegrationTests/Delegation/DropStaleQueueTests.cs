using System.Net;
using Molecule.IntegrationTests.Activity;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Delegation;

public sealed class DropStaleQueueTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task Old_queued_messages_are_dropped_optionally_for_one_workspace()
    {
        var a = await app.SeedWorkspaceAsync("queue-a");
        var b = await app.SeedWorkspaceAsync("queue-b");
        var oldA = await app.AddQueuedMessageAsync(a, TimeSpan.FromHours(2));
        var freshA = await app.AddQueuedMessageAsync(a, TimeSpan.FromMinutes(5));
        var doneA = await app.AddQueuedMessageAsync(a, TimeSpan.FromHours(3), status: "completed");
        var oldB = await app.AddQueuedMessageAsync(b, TimeSpan.FromHours(2));

        var scoped = await app.Admin().PostAsync($"/admin/a2a-queue/drop-stale?workspace_id={b}", null);
        var everywhere = await app.Admin().PostAsync("/admin/a2a-queue/drop-stale?max_age_minutes=60", null);

        scoped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scoped.Content.ReadAsStringAsync()).ShouldBe("""{"dropped":1}""");
        (await everywhere.Content.ReadAsStringAsync()).ShouldBe("""{"dropped":1}""");
        (await Status(oldA)).ShouldBe("dropped");
        (await Status(oldB)).ShouldBe("dropped");
        (await Status(freshA)).ShouldBe("queued");
        (await Status(doneA)).ShouldBe("completed");

        var shortAge = await app.Admin().PostAsync($"/admin/a2a-queue/drop-stale?max_age_minutes=1&workspace_id={a}", null);
        (await shortAge.Content.ReadAsStringAsync()).ShouldBe("""{"dropped":1}""");
    }

    [Theory]
    [InlineData("?max_age_minutes=abc", "max_age_minutes must be a positive integer")]
    [InlineData("?max_age_minutes=0", "max_age_minutes must be a positive integer")]
    [InlineData("?max_age_minutes=-5", "max_age_minutes must be a positive integer")]
    [InlineData("?workspace_id=nope", "workspace_id must be a valid UUID")]
    public async Task Garbage_parameters_are_400s(string query, string error)
    {
        var response = await app.Admin().PostAsync("/admin/a2a-queue/drop-stale" + query, null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe(error);
    }

    private Task<string> Status(Guid id) => app.ScalarAsync<string>($"SELECT status FROM a2a_queue WHERE id = '{id}'");
}
