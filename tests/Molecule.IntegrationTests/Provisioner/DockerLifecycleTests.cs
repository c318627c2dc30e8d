using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Kernel.Auth;
using Molecule.Testing;
using static Molecule.IntegrationTests.Provisioner.DockerProvisioningKit;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>
/// One workspace through its whole life on the private dockerd: its busybox agent registers with
/// the token the provisioner wrote into /configs, and every lifecycle action shows in the engine.
/// One test on purpose: each container start costs seconds.
/// </summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class DockerLifecycleTests(DockerEngineFixture docker)
{
    private static readonly CancellationToken Bounded = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    [Fact]
    public async Task A_workspace_container_lives_through_create_pause_resume_restart_a_kill_and_delete()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker);
        using var admin = app.Admin();
        var tokens = app.Services.GetRequiredService<IWorkspaceTokens>();
        var port = FreePort();
        var id = await CreateAsync(admin, new
        {
            name = "Docker Agent",
            role = "tester",
            tier = 2,
            secrets = AgentSecrets(port, new() { ["SOME_API_KEY"] = "sk-test-value-123" }),
        });
        var name = WorkspaceContainers.ContainerName(id);

        // Created: the agent registered (with the token it read from /configs) and is online.
        var online = await WaitForStatusAsync(app, id, "online");
        online.Url.ShouldBe($"http://127.0.0.1:{port}");
        online.AgentCard.ShouldNotBeNull();
        await AssertContainerAsync(app, id, port);
        var token = await ReadAsync(name, "/configs/.auth_token");
        (await tokens.ValidateAsync(id, token)).ShouldBeTrue();
        (await tokens.CountLiveAsync(id)).ShouldBe(1);
        var config = await ReadAsync(name, "/configs/config.yaml");
        config.ShouldContain("name: \"Docker Agent\"");
        config.ShouldContain("runtime: langgraph");
        app.Events.Of("WORKSPACE_PROVISION_PROGRESS", id).Select(e => e["stage"]!.GetValue<string>()).ShouldBe(["creating", "starting"]);
        foreach (var volume in new[] { WorkspaceContainers.ConfigVolume(id), WorkspaceContainers.WorkspaceVolume(id) })
        {
            (await docker.Engine.InspectVolumeAsync(volume, Bounded)).Labels[WorkspaceContainers.WorkspaceLabel].ShouldBe(id.ToString());
        }

        // Pause stops the container and keeps it; the exit is ours, so the workspace stays paused.
        (await admin.PostAsync($"/workspaces/{id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await docker.Engine.InspectContainerAsync(name, Bounded)).State.IsRunning.ShouldBeFalse();
        (await RowAsync(app, id))!.Status.ShouldBe("paused");

        // Resume starts a fresh container with a rotated token.
        (await admin.PostAsync($"/workspaces/{id}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForStatusAsync(app, id, "online");
        (await docker.Engine.InspectContainerAsync(name, Bounded)).State.IsRunning.ShouldBeTrue();
        (await tokens.ValidateAsync(id, token)).ShouldBeFalse();
        var resumedId = (await docker.Engine.InspectContainerAsync(name, Bounded)).Id;

        // Restart replaces the container.
        (await admin.PostAsync($"/workspaces/{id}/restart", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForStatusAsync(app, id, "online");
        var restarted = await docker.Engine.InspectContainerAsync(name, Bounded);
        restarted.Id.ShouldNotBe(resumedId);
        restarted.State.IsRunning.ShouldBeTrue();

        // Killed from outside: offline with the exit code, then the auto-restart brings it back.
        await docker.Engine.KillContainerAsync(name, "SIGKILL", Bounded);
        var offline = await WaitForEventAsync(app, id, e => e.Type == "WORKSPACE_OFFLINE", "WORKSPACE_OFFLINE");
        offline.Payload["exit_code"]!.GetValue<int>().ShouldBe(137);
        offline.Payload["source"]!.GetValue<string>().ShouldBe("container_exit");
        offline.Payload.Count.ShouldBe(2);
        await Eventually.UntilAsync(
            async () => (await EventsAsync(app, id)).SkipWhile(e => e.Type != "WORKSPACE_OFFLINE").Any(e => e.Type == "WORKSPACE_PROVISIONING"),
            "the killed workspace was auto-restarted",
            StartTimeout,
            PollEvery);
        await WaitForStatusAsync(app, id, "online");
        (await docker.Engine.InspectContainerAsync(name, Bounded)).Id.ShouldNotBe(restarted.Id);

        var types = (await EventsAsync(app, id)).Select(e => e.Type).ToList();
        types.Count(type => type == "WORKSPACE_OFFLINE").ShouldBe(1);
        types.ShouldNotContain("WORKSPACE_PROVISION_FAILED");

        // Delete removes the container and every volume, the workspace volume included.
        (await admin.DeleteAsync($"/workspaces/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ProvisionerEngineJson.InspectContainerAsync(docker.Host, name, Bounded)).ShouldBeNull();
        (await VolumeExistsAsync(docker.Engine, WorkspaceContainers.ConfigVolume(id))).ShouldBeFalse();
        (await VolumeExistsAsync(docker.Engine, WorkspaceContainers.WorkspaceVolume(id))).ShouldBeFalse();
    }

    /// <summary>Name, labels, environment, limits and mounts as the engine reports them.</summary>
    private async Task AssertContainerAsync(ProvisionerDockerApp app, Guid id, int port)
    {
        var container = (await ProvisionerEngineJson.InspectContainerAsync(docker.Host, WorkspaceContainers.ContainerName(id), Bounded))!;
        container["Name"]!.GetValue<string>().ShouldBe("/" + WorkspaceContainers.ContainerName(id));
        container["Config"]!["Image"]!.GetValue<string>().ShouldBe(docker.AgentImage);

        var labels = container["Config"]!["Labels"]!.AsObject();
        labels[WorkspaceContainers.ManagedLabel]!.GetValue<string>().ShouldBe("true");
        labels[WorkspaceContainers.WorkspaceLabel]!.GetValue<string>().ShouldBe(id.ToString());
        labels[DockerEngineFixture.RunLabel]!.GetValue<string>().ShouldBe(docker.RunId);
        labels[ProvisionerDockerApp.AppLabel]!.GetValue<string>().ShouldBe(app.AppId);

        var env = ProvisionerEngineJson.Environment(container);
        env["WORKSPACE_ID"].ShouldBe(id.ToString());
        env["WORKSPACE_CONFIG_PATH"].ShouldBe("/configs");
        env["PLATFORM_URL"].ShouldBe(app.Url);
        env["MOLECULE_URL"].ShouldBe(app.Url);
        env["TIER"].ShouldBe("2");
        env["PLUGINS_DIR"].ShouldBe("/plugins");
        env["PYTHONPATH"].ShouldBe("/app");
        env["AGENT_PORT"].ShouldBe(port.ToString(CultureInfo.InvariantCulture));
        env["SOME_API_KEY"].ShouldBe("sk-test-value-123");
        env["MOLECULE_AGENT_ROLE"].ShouldBe("tester");
        env["GIT_AUTHOR_NAME"].ShouldBe("Molecule AI Docker Agent");
        env["GIT_AUTHOR_EMAIL"].ShouldBe("docker-agent@agents.moleculesai.app");

        var host = container["HostConfig"]!;
        host["Memory"]!.GetValue<long>().ShouldBe(512L * 1024 * 1024);
        host["NanoCpus"]!.GetValue<long>().ShouldBe(1_000_000_000L);
        host["RestartPolicy"]!["Name"]!.GetValue<string>().ShouldBe("unless-stopped");
        host["NetworkMode"]!.GetValue<string>().ShouldBe("host");
        host["Privileged"]!.GetValue<bool>().ShouldBeFalse();
        host["Binds"]!.AsArray().Select(bind => bind!.GetValue<string>()).ShouldBe(
            [$"{WorkspaceContainers.ConfigVolume(id)}:/configs", $"{WorkspaceContainers.WorkspaceVolume(id)}:/workspace"]);
    }

    private async Task<string> ReadAsync(string container, string path)
    {
        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec { Cmd = ["cat", path] }, cancellationToken: Bounded);
        result.ExitCode.ShouldBe(0, result.StderrText);
        return result.StdoutText;
    }
}
