using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Molecule.Testing;
using Molecule.Workspaces.Provisioning;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class ProvisionTimeoutSweepTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Provisioning_rows_older_than_their_runtime_timeout_fail_once()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await WorkspacesApp.StartAsync(clock: clock);
        var sweep = app.Services.GetRequiredService<ProvisionTimeoutSweep>();
        var langgraph = await InsertAsync(app, "Stuck", status: "provisioning", updatedAt: Start);
        var hermes = await InsertAsync(app, "Slow hermes", status: "provisioning", runtime: "hermes", updatedAt: Start);
        var online = await InsertAsync(app, "Fine", updatedAt: Start.AddHours(-5));
        var awaiting = await InsertAsync(app, "Waiting agent", status: "awaiting_agent", runtime: "external", updatedAt: Start.AddHours(-5));

        clock.Advance(TimeSpan.FromSeconds(599));
        (await sweep.SweepOnceAsync(CancellationToken.None)).ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await sweep.SweepOnceAsync(CancellationToken.None)).ShouldBe(1);
        var row = (await RowAsync(app, langgraph))!;
        row.Status.ShouldBe("failed");
        row.LastSampleError.ShouldBe(ProvisionTimeoutSweep.TimeoutError);
        var failed = (await EventsAsync(app, langgraph)).Single();
        failed.Type.ShouldBe("WORKSPACE_PROVISION_FAILED");
        failed.Payload.ShouldBeJson(
            $$"""{"error":"{{ProvisionTimeoutSweep.TimeoutError}}","timeout_secs":600,"runtime":"langgraph","source":"provision_timeout_sweep"}""");
        (await RowAsync(app, hermes))!.Status.ShouldBe("provisioning");

        clock.Advance(TimeSpan.FromMinutes(20));
        (await sweep.SweepOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await RowAsync(app, hermes))!.Status.ShouldBe("failed");
        (await EventsAsync(app, hermes)).Single().Payload["timeout_secs"]!.GetValue<long>().ShouldBe(1800);

        (await sweep.SweepOnceAsync(CancellationToken.None)).ShouldBe(0);
        (await EventsAsync(app, langgraph)).Count.ShouldBe(1);
        (await RowAsync(app, online))!.Status.ShouldBe("online");
        (await RowAsync(app, awaiting))!.Status.ShouldBe("awaiting_agent");
    }

    [Fact]
    public async Task The_override_applies_to_every_runtime()
    {
        var clock = new FakeTimeProvider(Start);
        await using var app = await WorkspacesApp.StartAsync(new Dictionary<string, string?> { ["PROVISION_TIMEOUT_SECONDS"] = "60" }, clock: clock);
        var hermes = await InsertAsync(app, "Hermes", status: "provisioning", runtime: "hermes", updatedAt: Start);

        clock.Advance(TimeSpan.FromSeconds(61));
        (await app.Services.GetRequiredService<ProvisionTimeoutSweep>().SweepOnceAsync(CancellationToken.None)).ShouldBe(1);

        (await RowAsync(app, hermes))!.Status.ShouldBe("failed");
        (await EventsAsync(app, hermes)).Single().Payload["timeout_secs"]!.GetValue<long>().ShouldBe(60);
    }
}
