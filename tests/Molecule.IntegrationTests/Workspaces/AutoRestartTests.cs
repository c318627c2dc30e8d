using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

/// <summary>IWorkspaceLifecycle.RestartAsync, the auto-restart other modules call after a change.</summary>
public sealed class AutoRestartTests
{
    [Fact]
    public async Task A_running_workspace_is_stopped_marked_provisioning_and_started_again()
    {
        await using var app = await WorkspacesApp.StartAsync(compute: new WorkspacesFakeCompute());
        var lifecycle = app.Services.GetRequiredService<IWorkspaceLifecycle>();
        var id = await InsertAsync(app, "Running");

        (await lifecycle.RestartAsync(id, "secret OPENAI_API_KEY changed")).ShouldBeTrue();
        await SettleAsync(app, id);

        app.Compute!.Calls.Select(call => call.Action).ShouldBe(["stop", "start"]);
        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("provisioning");
        row.Url.ShouldBe("http://127.0.0.1:18000");
        (await EventsAsync(app, id)).Single().Payload.ToJsonString().ShouldBe("""{"name":"Running","tier":3,"runtime":"langgraph"}""");
    }

    [Fact]
    public async Task Removed_paused_hibernated_external_unknown_and_paused_ancestor_workspaces_are_skipped()
    {
        await using var app = await WorkspacesApp.StartAsync(compute: new WorkspacesFakeCompute());
        var lifecycle = app.Services.GetRequiredService<IWorkspaceLifecycle>();
        var pausedParent = await InsertAsync(app, "Paused parent", status: "paused");
        var skipped = new[]
        {
            await InsertAsync(app, "Removed", status: "removed"),
            pausedParent,
            await InsertAsync(app, "Hibernated", status: "hibernated"),
            await InsertAsync(app, "External", runtime: "external"),
            await InsertAsync(app, "Under paused", parentId: pausedParent),
            Guid.NewGuid(),
        };

        foreach (var id in skipped)
        {
            (await lifecycle.RestartAsync(id, "test")).ShouldBeFalse();
        }

        app.Compute!.Calls.ShouldBeEmpty();
        (await CountAsync(app, "SELECT count(*) FROM structure_events")).ShouldBe(0);
    }

    [Fact]
    public async Task A_second_call_while_one_runs_is_dropped()
    {
        var blocking = new BlockingStop(new WorkspacesFakeCompute());
        await using var app = await WorkspacesApp.StartAsync(configureServices: services =>
            services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Docker, blocking));
        var lifecycle = app.Services.GetRequiredService<IWorkspaceLifecycle>();
        var id = await InsertAsync(app, "Target");

        var first = lifecycle.RestartAsync(id, "first change");
        await blocking.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await lifecycle.RestartAsync(id, "second change")).ShouldBeFalse();
        blocking.Release.SetResult();
        (await first.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        await SettleAsync(app, id);

        (await EventsAsync(app, id)).Count(e => e.Type == "WORKSPACE_PROVISIONING").ShouldBe(1);
        (await lifecycle.RestartAsync(id, "a later change")).ShouldBeTrue();
    }

    /// <summary>A backend whose stop waits until the test lets it go.</summary>
    private sealed class BlockingStop(WorkspacesFakeCompute inner) : IWorkspaceCompute
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ProvisionResult> StartAsync(ProvisionRequest request, CancellationToken cancellationToken) =>
            inner.StartAsync(request, cancellationToken);

        public async Task StopAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        public Task DeleteAsync(WorkspaceRef workspace, CancellationToken cancellationToken) => inner.DeleteAsync(workspace, cancellationToken);
    }
}
