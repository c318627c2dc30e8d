using System.Net;
using Molecule.Docker;

namespace Molecule.Tests.Docker;

public sealed class ResponseParsingTests
{
    private readonly FakeEngineHandler _handler = new();

    [Fact]
    public async Task A_running_container_reads_back_as_recorded()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);

        var container = await FakeEngine.Create(_handler).InspectContainerAsync("rec1");

        container.Id.ShouldBe("76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e");
        container.Name.ShouldBe("rec1");
        container.ImageId.ShouldBe("sha256:cc606cca23159c77020c62ca5c450f88b8a21696824052516a2dadd9db3deb12");
        container.Image.ShouldBe("molecule-test/agent:latest");
        container.Created.ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero).AddTicks(5177875));
        container.Tty.ShouldBeFalse();
        container.Labels.ShouldBe(new Dictionary<string, string> { ["molecule.test"] = "1" });
        container.NetworkMode.ShouldBe("host");
        container.PublishedPorts.ShouldBeEmpty();
        container.NetworkAddresses.ShouldBe(new Dictionary<string, string> { ["host"] = "" });
        container.Mounts.ShouldBe([new DockerMountPoint("volume", "recvol", "/tmp/dk.YKbY/data/volumes/recvol/_data", "/data", true)]);
        container.State.ShouldBe(new DockerContainerState(
            "running", true, false, false, false, false, 2356, 0, null,
            new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero).AddTicks(8768407), null, null));
        container.State.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public async Task An_oom_killed_bridge_container_reports_ports_networks_and_health()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.OomKilledBridgeContainer);

        var container = await FakeEngine.Create(_handler).InspectContainerAsync("ws-1a2b3c4d-5e6");

        container.State.IsRunning.ShouldBeFalse();
        container.State.OomKilled.ShouldBeTrue();
        container.State.ExitCode.ShouldBe(137);
        container.State.Health.ShouldBe("unhealthy");
        container.State.FinishedAt.ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 10, 0, 123, TimeSpan.Zero));
        container.Tty.ShouldBeTrue();
        container.Labels.ShouldBeEmpty();
        container.Mounts.ShouldBeEmpty();
        container.PublishedPorts.ShouldBe([new DockerPortBinding("8000/tcp", "127.0.0.1", "49153")]);
        container.NetworkAddresses["molecule-monorepo-net"].ShouldBe("172.18.0.5");
    }

    [Fact]
    public async Task A_paused_container_is_running_but_not_in_the_running_status()
    {
        _handler.Answer(HttpStatusCode.OK, """{"Id":"p","Name":"/p","State":{"Status":"paused","Running":true,"Paused":true}}""");

        var state = (await FakeEngine.Create(_handler).InspectContainerAsync("p")).State;

        state.Running.ShouldBeTrue();
        state.Paused.ShouldBeTrue();
        state.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public async Task Container_lists_trim_the_leading_slash_of_names()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.ContainerList);

        var summary = (await FakeEngine.Create(_handler).ListContainersAsync(["molecule.test=1"])).ShouldHaveSingleItem();

        summary.Names.ShouldBe(["rec1"]);
        summary.State.ShouldBe("running");
        summary.Status.ShouldBe("Up 3 seconds");
        summary.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308701));
        summary.ImageId.ShouldStartWith("sha256:");
        summary.Labels["molecule.test"].ShouldBe("1");
    }

    [Fact]
    public async Task Version_and_image_read_back_as_recorded()
    {
        _handler.Respond = (request, _) => Task.FromResult(FakeEngineHandler.Response(
            HttpStatusCode.OK, request.Path.EndsWith("/version", StringComparison.Ordinal) ? RecordedResponses.Version : RecordedResponses.Image));
        var engine = FakeEngine.Create(_handler);

        var version = await engine.GetVersionAsync();
        var image = await engine.InspectImageAsync("molecule-test/agent:latest");

        version.ShouldBe(new DockerVersion("20.10.24+dfsg1", "1.41", "1.12", "linux", "amd64", "6.18.44-fc-v657"));
        _handler.LastCall.Path.ShouldBe("/v1.41/images/molecule-test/agent:latest/json");
        image.Id.ShouldStartWith("sha256:cc606");
        image.RepoTags.ShouldBe(["molecule-test/agent:latest"]);
        image.Cmd.ShouldBe(["/bin/agent"]);
        image.Entrypoint.ShouldBeNull();
        image.Env.ShouldBeEmpty();
        image.User.ShouldBeNull();
        image.WorkingDir.ShouldBe("/");
        image.Labels.ShouldBeEmpty();
    }

    [Fact]
    public async Task Ping_reports_the_daemon_headers_without_a_version_prefix()
    {
        var ping = await FakeEngine.Create(_handler).PingAsync();

        ping.ShouldBe(new DockerPing("1.41", "linux", "Docker/20.10.24+dfsg1 (linux)"));
        _handler.Requests.ShouldAllBe(r => r.Path == "/_ping");
    }
}
