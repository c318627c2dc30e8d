using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Molecule.Registry.Liveness;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Registry;

public sealed class LivenessTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public LivenessTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task A_silent_workspace_goes_offline_after_the_ttl_and_a_heartbeat_brings_it_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = _app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in FakeClockSettings.IdleSweeps)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var sweep = app.Services.GetRequiredService<LivenessSweep>();
        // External: the restart after going offline is a no-op, so the row stays offline until the agent speaks.
        var quiet = await _app.SeedWorkspaceAsync("quiet", runtime: "external", lastHeartbeat: clock.GetUtcNow());
        var container = await _app.SeedWorkspaceAsync("container", lastHeartbeat: clock.GetUtcNow());
        var chatty = await _app.SeedWorkspaceAsync("chatty", lastHeartbeat: clock.GetUtcNow());
        var paused = await _app.SeedWorkspaceAsync("paused", status: "paused", lastHeartbeat: clock.GetUtcNow());

        clock.Advance(TimeSpan.FromSeconds(179));
        (await sweep.SweepOnceAsync()).ShouldNotContain(quiet);

        clock.Advance(TimeSpan.FromSeconds(2));
        await app.CreateClient().PostJsonAsync("/registry/heartbeat", new { workspace_id = chatty });
        var marked = await sweep.SweepOnceAsync();

        marked.ShouldContain(quiet);
        marked.ShouldContain(container);
        marked.ShouldNotContain(chatty);
        marked.ShouldNotContain(paused);
        (await _app.StatusOfAsync(quiet)).ShouldBe("offline");
        (await _app.EventsForAsync(quiet)).ShouldContain(e => e.Type == "WORKSPACE_OFFLINE");
        // The fake clock stands still, so both events carry one timestamp: check membership, not order.
        var containerEvents = (await _app.EventsForAsync(container)).Select(e => e.Type).ToList();
        containerEvents.ShouldContain("WORKSPACE_OFFLINE");
        containerEvents.ShouldContain("WORKSPACE_PROVISIONING");

        var back = await app.CreateClient().PostJsonAsync("/registry/heartbeat", new { workspace_id = quiet });
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.StatusOfAsync(quiet)).ShouldBe("online");
        (await _app.EventsForAsync(quiet)).ShouldContain(e => e.Type == "WORKSPACE_ONLINE");
    }
}
