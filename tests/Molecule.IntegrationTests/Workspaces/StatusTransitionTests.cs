using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Workspaces;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

/// <summary>IWorkspaceLifecycle.TransitionAsync: the one status write other modules use, on real Postgres.</summary>
public sealed class StatusTransitionTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    private IWorkspaceLifecycle Lifecycle => app.Services.GetRequiredService<IWorkspaceLifecycle>();

    [Fact]
    public async Task An_allowed_trigger_writes_the_status_and_its_fields_and_records_its_event_once()
    {
        var id = await InsertAsync(app, "Crashed", status: "degraded");

        var written = await Lifecycle.TransitionAsync(id, new StatusChange(WorkspaceTrigger.ComputeDied)
        {
            SampleError = "container exited with code 137",
            Payload = new JsonObject { ["exit_code"] = 137, ["source"] = "container_exit" },
        });

        written!.Status.ShouldBe(WorkspaceStatus.Offline);
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("offline");
        row.LastSampleError.ShouldBe("container exited with code 137");
        var recorded = (await EventsAsync(app, id)).ShouldHaveSingleItem();
        recorded.Type.ShouldBe("WORKSPACE_OFFLINE");
        recorded.Payload.ShouldBeJson("""{"exit_code":137,"source":"container_exit"}""");

        // offline is not a live agent: the same trigger again changes nothing and announces nothing.
        (await Lifecycle.TransitionAsync(id, new StatusChange(WorkspaceTrigger.ComputeDied))).ShouldBeNull();
        (await EventsAsync(app, id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_trigger_leaves_the_row_and_the_event_log_alone()
    {
        var paused = await InsertAsync(app, "Paused", status: "paused");
        var removed = await InsertAsync(app, "Removed", status: "removed");

        (await Lifecycle.TransitionAsync(paused, new StatusChange(WorkspaceTrigger.LivenessExpired) { SampleError = "silent" })).ShouldBeNull();
        (await Lifecycle.TransitionAsync(removed, new StatusChange(WorkspaceTrigger.Registered))).ShouldBeNull();
        (await Lifecycle.TransitionAsync(Guid.NewGuid(), new StatusChange(WorkspaceTrigger.Registered))).ShouldBeNull();

        (await RowAsync(app, paused))!.Status.ShouldBe("paused");
        (await RowAsync(app, paused))!.LastSampleError.ShouldBeNull();
        (await RowAsync(app, removed))!.Status.ShouldBe("removed");
        (await EventsAsync(app, paused)).ShouldBeEmpty();
        (await EventsAsync(app, removed)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_snapshot_guards_lose_to_a_newer_heartbeat_or_a_newer_change()
    {
        var beating = await InsertAsync(app, "Beating");
        await ExecuteAsync(app, "UPDATE workspaces SET last_heartbeat_at = now() WHERE id = @beating", new { beating });
        var touched = await InsertAsync(app, "Touched", status: "provisioning");
        var cutoff = DateTimeOffset.UtcNow.AddMinutes(-5);

        (await Lifecycle.TransitionAsync(beating, new StatusChange(WorkspaceTrigger.LivenessExpired) { SilentSince = cutoff })).ShouldBeNull();
        (await Lifecycle.TransitionAsync(touched, new StatusChange(WorkspaceTrigger.ProvisionTimedOut) { UnchangedSince = cutoff })).ShouldBeNull();
        (await RowAsync(app, beating))!.Status.ShouldBe("online");
        (await RowAsync(app, touched))!.Status.ShouldBe("provisioning");

        await ExecuteAsync(app, "UPDATE workspaces SET last_heartbeat_at = now() - interval '1 hour' WHERE id = @beating", new { beating });
        (await Lifecycle.TransitionAsync(beating, new StatusChange(WorkspaceTrigger.LivenessExpired) { SilentSince = cutoff }))!
            .Status.ShouldBe(WorkspaceStatus.Offline);
    }

    [Fact]
    public async Task The_statuses_a_trigger_may_start_from_are_the_machines()
    {
        Lifecycle.AllowedFrom(WorkspaceTrigger.LivenessExpired).ShouldBe([WorkspaceStatus.Online, WorkspaceStatus.Degraded], ignoreOrder: true);
        await Should.ThrowAsync<ArgumentException>(() => Lifecycle.TransitionAsync(Guid.NewGuid(), new StatusChange(WorkspaceTrigger.Created)));
    }
}
