using System.Net;
using System.Text.Json.Nodes;
using Molecule.Docker;

namespace Molecule.Tests.Docker;

public sealed class ContainerRequestTests
{
    private readonly FakeEngineHandler _handler = new();

    [Fact]
    public async Task Create_sends_the_name_in_the_query_and_the_whole_spec_in_the_body()
    {
        _handler.Answer(HttpStatusCode.Created, """{"Id":"c0ffee","Warnings":[]}""");
        var engine = FakeEngine.Create(_handler);

        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = "ghcr.io/molecule-ai/workspace-template-langgraph:latest",
            Name = "ws-1a2b3c4d-5e6",
            Env = ["WORKSPACE_ID=1a2b", "PYTHONPATH=/app", "PYTHONPATH=/override"],
            Cmd = ["sleep", "infinity"],
            Entrypoint = [""],
            Labels = new Dictionary<string, string> { ["molecule.platform.managed"] = "true" },
            WorkingDir = "/workspace",
            Binds = ["ws-1a2b3c4d-5e6-configs:/configs", "/srv/ws:/workspace:ro"],
            Mounts = [new DockerMount("volume", "ws-1a2b3c4d-5e6-claude-sessions", "/root/.claude/sessions")],
            NetworkMode = "molecule-monorepo-net",
            NetworkAliases = ["ws-1a2b3c4d-5e6"],
            PortBindings = [new DockerPortBinding("8000/tcp", "127.0.0.1", "")],
            ExtraHosts = ["host.docker.internal:host-gateway"],
            RestartPolicy = DockerRestartPolicy.UnlessStopped,
            MemoryBytes = 512L * 1024 * 1024,
            NanoCpus = 1_000_000_000,
            PidsLimit = 512,
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,noexec,nosuid,size=64m" },
        });

        id.ShouldBe("c0ffee");
        var call = _handler.LastCall;
        call.Method.ShouldBe(HttpMethod.Post);
        call.Path.ShouldBe("/v1.41/containers/create");
        call.Query["name"].ShouldBe("ws-1a2b3c4d-5e6");
        call.ContentType.ShouldBe("application/json");
        JsonNode.DeepEquals(call.Json, JsonNode.Parse("""
            {"Image":"ghcr.io/molecule-ai/workspace-template-langgraph:latest",
             "Env":["WORKSPACE_ID=1a2b","PYTHONPATH=/app","PYTHONPATH=/override"],
             "Cmd":["sleep","infinity"],"Entrypoint":[""],
             "Labels":{"molecule.platform.managed":"true"},"WorkingDir":"/workspace","Tty":false,"OpenStdin":false,
             "ExposedPorts":{"8000/tcp":{}},
             "HostConfig":{"Binds":["ws-1a2b3c4d-5e6-configs:/configs","/srv/ws:/workspace:ro"],
               "Mounts":[{"Type":"volume","Source":"ws-1a2b3c4d-5e6-claude-sessions","Target":"/root/.claude/sessions","ReadOnly":false}],
               "NetworkMode":"molecule-monorepo-net","RestartPolicy":{"Name":"unless-stopped","MaximumRetryCount":0},
               "PortBindings":{"8000/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]},
               "ExtraHosts":["host.docker.internal:host-gateway"],
               "Memory":536870912,"NanoCpus":1000000000,"PidsLimit":512,"Privileged":false,"ReadonlyRootfs":true,
               "Tmpfs":{"/tmp":"rw,noexec,nosuid,size=64m"},"AutoRemove":false},
             "NetworkingConfig":{"EndpointsConfig":{"molecule-monorepo-net":{"Aliases":["ws-1a2b3c4d-5e6"]}}}}
            """)).ShouldBeTrue(call.BodyText);
    }

    [Fact]
    public async Task A_minimal_spec_sends_only_what_is_set()
    {
        _handler.Answer(HttpStatusCode.Created, """{"Id":"c0ffee"}""");

        await FakeEngine.Create(_handler).CreateContainerAsync(new DockerContainerSpec { Image = "busybox", NetworkMode = "host", Privileged = true, PidMode = "host" });

        _handler.LastCall.Query.ShouldNotContainKey("name");
        JsonNode.DeepEquals(_handler.LastCall.Json, JsonNode.Parse("""
            {"Image":"busybox","Tty":false,"OpenStdin":false,
             "HostConfig":{"NetworkMode":"host","Privileged":true,"PidMode":"host","ReadonlyRootfs":false,"AutoRemove":false}}
            """)).ShouldBeTrue(_handler.LastCall.BodyText);
    }

    [Fact]
    public async Task Lifecycle_calls_hit_the_engine_paths_with_their_parameters()
    {
        var engine = FakeEngine.Create(_handler);

        await engine.StartContainerAsync("ws-1");
        await engine.StopContainerAsync("ws-1", TimeSpan.FromSeconds(2.5));
        await engine.StopContainerAsync("ws-1");
        await engine.KillContainerAsync("ws-1", "SIGTERM");
        await engine.RestartContainerAsync("ws-1", TimeSpan.Zero);
        await engine.RemoveContainerAsync("ws-1", force: true, removeVolumes: true);
        await engine.RemoveContainerAsync("ws-2");

        _handler.Calls.Select(c => $"{c.Method} {c.Uri.PathAndQuery}").ShouldBe([
            "POST /v1.41/containers/ws-1/start",
            "POST /v1.41/containers/ws-1/stop?t=3",
            "POST /v1.41/containers/ws-1/stop",
            "POST /v1.41/containers/ws-1/kill?signal=SIGTERM",
            "POST /v1.41/containers/ws-1/restart?t=0",
            "DELETE /v1.41/containers/ws-1?force=1&v=1",
            "DELETE /v1.41/containers/ws-2?force=0&v=0",
        ]);
    }

    [Fact]
    public async Task Start_and_stop_treat_not_modified_as_done()
    {
        _handler.Answer(HttpStatusCode.NotModified);
        var engine = FakeEngine.Create(_handler);

        await engine.StartContainerAsync("ws-1");
        await engine.StopContainerAsync("ws-1");
    }

    [Fact]
    public async Task Names_are_escaped_into_one_path_segment()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);

        await FakeEngine.Create(_handler).InspectContainerAsync("../images/x y");

        _handler.LastCall.Uri.AbsolutePath.ShouldBe("/v1.41/containers/..%2Fimages%2Fx%20y/json");
        await Should.ThrowAsync<ArgumentException>(() => FakeEngine.Create(_handler).InspectContainerAsync(".."));
        await Should.ThrowAsync<ArgumentException>(() => FakeEngine.Create(_handler).InspectContainerAsync(" "));
    }

    [Fact]
    public async Task List_sends_all_and_the_label_filter_as_json()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.ContainerList);
        var engine = FakeEngine.Create(_handler);

        await engine.ListContainersAsync(["molecule.platform.managed=true", "molecule.test"]);
        await engine.ListContainersAsync([], includeStopped: false);

        var labelled = _handler.Calls[0];
        labelled.Path.ShouldBe("/v1.41/containers/json");
        labelled.Query["all"].ShouldBe("1");
        labelled.Query["filters"].ShouldBe("""{"label":["molecule.platform.managed=true","molecule.test"]}""");
        _handler.Calls[1].Query.ShouldBe(new Dictionary<string, string> { ["all"] = "0" });
    }

    [Fact]
    public async Task Logs_ask_for_what_the_options_say_and_follow_the_tty_setting()
    {
        _handler.Respond = (request, _) => Task.FromResult(request.Path.EndsWith("/json", StringComparison.Ordinal)
            ? FakeEngineHandler.Response(HttpStatusCode.OK, RecordedResponses.OomKilledBridgeContainer)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("raw tty\r\n"u8.ToArray()) });
        var since = DateTimeOffset.FromUnixTimeSeconds(1795308700);

        await using var output = await FakeEngine.Create(_handler).GetContainerLogsAsync(
            "ws-1", new DockerLogsOptions { Tail = 100, Since = since, Stderr = false, Timestamps = true });

        output.IsMultiplexed.ShouldBeFalse(); // the recorded container has a TTY
        (await FakeEngine.ReadAllTextAsync(output)).ShouldBe("raw tty\r\n");
        var logs = _handler.LastCall;
        logs.Path.ShouldBe("/v1.41/containers/ws-1/logs");
        logs.Query.ShouldBe(new Dictionary<string, string>
        {
            ["stdout"] = "1", ["stderr"] = "0", ["follow"] = "0", ["timestamps"] = "1", ["tail"] = "100", ["since"] = "1795308700",
        });
    }

    [Fact]
    public async Task Logs_of_a_container_without_tty_are_demultiplexed()
    {
        _handler.Respond = (request, _) => Task.FromResult(request.Path.EndsWith("/json", StringComparison.Ordinal)
            ? FakeEngineHandler.Response(HttpStatusCode.OK, RecordedResponses.RunningContainer)
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent([.. FakeEngine.Frame(1, "out\n"), .. FakeEngine.Frame(2, "err\n")]),
            });

        await using var output = await FakeEngine.Create(_handler).GetContainerLogsAsync("rec1", new DockerLogsOptions { Follow = true });
        var captured = await output.ReadAllAsync(1024);

        _handler.LastCall.Query["tail"].ShouldBe("all");
        _handler.LastCall.Query["follow"].ShouldBe("1");
        output.IsMultiplexed.ShouldBeTrue();
        captured.Stdout.ShouldBe("out\n"u8.ToArray());
        captured.Stderr.ShouldBe("err\n"u8.ToArray());
    }

    [Theory]
    [InlineData(DockerWaitCondition.NotRunning, "not-running")]
    [InlineData(DockerWaitCondition.NextExit, "next-exit")]
    [InlineData(DockerWaitCondition.Removed, "removed")]
    public async Task Wait_sends_the_condition_and_reads_the_status(DockerWaitCondition condition, string wire)
    {
        _handler.Answer(HttpStatusCode.OK, """{"Error":{"Message":"container gone"},"StatusCode":137}""");

        var exit = await FakeEngine.Create(_handler).WaitContainerAsync("ws-1", condition);

        _handler.LastCall.Path.ShouldBe("/v1.41/containers/ws-1/wait");
        _handler.LastCall.Query["condition"].ShouldBe(wire);
        exit.ShouldBe(new DockerContainerExit(137, "container gone"));
    }

    [Fact]
    public async Task Wait_without_an_error_reports_none()
    {
        _handler.Answer(HttpStatusCode.OK, """{"Error":null,"StatusCode":0}""");

        (await FakeEngine.Create(_handler).WaitContainerAsync("ws-1")).ShouldBe(new DockerContainerExit(0, null));
    }
}
