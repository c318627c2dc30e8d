using System.Diagnostics;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Testing;
using static Molecule.IntegrationTests.Provisioner.DockerProvisioningKit;

namespace Molecule.IntegrationTests.Provisioner;

[Collection(DockerEngineFixture.Collection)]
public sealed class DockerStartFailureTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task Without_an_engine_a_start_fails_fast_naming_the_socket()
    {
        var missing = $"unix:///tmp/molecule-no-engine-{Guid.NewGuid():N}.sock";
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?> { ["DOCKER_HOST"] = missing });
        using var admin = app.Admin();
        var clock = Stopwatch.StartNew();

        var id = await CreateAsync(admin, new { name = "No engine", tier = 2 });

        var failed = await WaitForStatusAsync(app, id, "failed", TimeSpan.FromSeconds(20));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        failed.LastSampleError.ShouldStartWith($"Docker engine at {missing} is unavailable: no socket at {missing["unix://".Length..]}");
        failed.LastSampleError.ShouldContain("DOCKER_HOST");
        var failure = await WaitForEventAsync(app, id, e => e.Type == "WORKSPACE_PROVISION_FAILED", "WORKSPACE_PROVISION_FAILED");
        failure.Payload["error"]!.GetValue<string>().ShouldBe(failed.LastSampleError);
        (await EventsAsync(app, id)).Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING", "WORKSPACE_PROVISION_FAILED"]);

        // Nothing can be running on an engine that is not there: delete succeeds.
        (await admin.DeleteAsync($"/workspaces/{id}")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task A_container_that_dies_before_its_agent_registers_fails_the_workspace_with_its_exit_code_and_log_tail()
    {
        // A template: its files land in /configs before the agent starts.
        var configs = Directory.CreateTempSubdirectory("molecule-configs-");
        var template = Directory.CreateDirectory(Path.Combine(configs.FullName, "silent"));
        await File.WriteAllTextAsync(Path.Combine(template.FullName, "config.yaml"), "name: silent\nruntime: langgraph\n");
        Directory.CreateDirectory(Path.Combine(template.FullName, "skills"));
        await File.WriteAllTextAsync(Path.Combine(template.FullName, "skills", "hello.sh"), "echo hello\r\n");
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?> { ["CONFIGS_DIR"] = configs.FullName });
        using var admin = app.Admin();

        // A secret overrides PLATFORM_URL with a port nobody serves: the agent never registers.
        var id = await CreateAsync(admin, new
        {
            name = "Never registers",
            template = "silent",
            tier = 2,
            secrets = AgentSecrets(FreePort(), new() { ["PLATFORM_URL"] = "http://127.0.0.1:9", ["LEAKY_SECRET"] = "do-not-print-me" }),
        });
        var name = WorkspaceContainers.ContainerName(id);
        await Eventually.UntilAsync(
            async () => (await ProvisionerEngineJson.InspectContainerAsync(docker.Host, name, default))?["State"]?["Running"]?.GetValue<bool>() == true,
            async () => $"the container never ran: {await RowAsync(app, id)}",
            StartTimeout,
            PollEvery);
        (await RowAsync(app, id))!.Status.ShouldBe("provisioning");
        var listing = await docker.Engine.RunExecAsync(name, new DockerExecSpec { Cmd = ["sh", "-c", "cat /configs/config.yaml /configs/skills/hello.sh; ls -a /configs"] });
        listing.StdoutText.ShouldBe("name: silent\nruntime: langgraph\necho hello\n.\n..\n.auth_token\nconfig.yaml\nskills\n");
        configs.Delete(recursive: true);

        // The agent prints a secret before it dies: the log tail must not carry it.
        await docker.Engine.RunExecAsync(name, new DockerExecSpec { Cmd = ["sh", "-c", "echo leaking $LEAKY_SECRET > /proc/1/fd/1"] });
        await docker.Engine.KillContainerAsync(name, "SIGKILL");

        var failed = await WaitForStatusAsync(app, id, "failed");
        failed.LastSampleError.ShouldStartWith("container exited with code 137 before its agent registered");
        failed.LastSampleError.ShouldContain("register failed");
        failed.LastSampleError.ShouldNotContain("do-not-print-me");
        failed.LastSampleError.ShouldContain("leaking [REDACTED]");
        var failure = await WaitForEventAsync(app, id, e => e.Type == "WORKSPACE_PROVISION_FAILED", "WORKSPACE_PROVISION_FAILED");
        failure.Payload["exit_code"]!.GetValue<int>().ShouldBe(137);
        failure.Payload["source"]!.GetValue<string>().ShouldBe("container_exit");
        failure.Payload["log_tail"]!.GetValue<string>().ShouldContain("register failed");
        failure.Payload.ToJsonString().ShouldNotContain("do-not-print-me");

        (await admin.DeleteAsync($"/workspaces/{id}")).IsSuccessStatusCode.ShouldBeTrue();
    }
}
