using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class ContainerLifecycleTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task Create_start_inspect_stop_remove_with_host_networking_and_limits()
    {
        var engine = docker.Engine;
        var name = docker.UniqueName("life");
        var volume = docker.UniqueName("vol");
        var labels = new Dictionary<string, string>(docker.Labels) { ["molecule.platform.managed"] = "true" };

        var id = await engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = name,
            Cmd = ["sleep", "300"],
            Env = ["WORKSPACE_ID=abc", "TIER=2"],
            Labels = labels,
            Mounts = [new DockerMount("volume", volume, "/data")],
            NetworkMode = "host",
            RestartPolicy = new DockerRestartPolicy("no"),
            MemoryBytes = 64 * 1024 * 1024,
            NanoCpus = 500_000_000,
            PidsLimit = 64,
        }, Deadline.In());
        await engine.StartContainerAsync(name, Deadline.In());

        var running = await engine.InspectContainerAsync(name, Deadline.In());
        running.Id.ShouldBe(id);
        running.Name.ShouldBe(name);
        running.Image.ShouldBe(docker.AgentImage);
        running.NetworkMode.ShouldBe("host");
        running.Labels["molecule.platform.managed"].ShouldBe("true");
        running.State.IsRunning.ShouldBeTrue();
        running.State.Pid.ShouldBeGreaterThan(0);
        running.State.StartedAt.ShouldNotBeNull();
        running.State.FinishedAt.ShouldBeNull();
        running.Mounts.ShouldContain(m => m.Type == "volume" && m.Name == volume && m.Destination == "/data");

        var limits = await engine.RunExecAsync(id, new DockerExecSpec
        {
            Cmd = ["sh", "-c", "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max; echo $WORKSPACE_ID"],
        }, cancellationToken: Deadline.In());
        limits.StdoutText.ShouldBe("64\nabc\n");

        await engine.StartContainerAsync(id, Deadline.In()); // already running: 304, not an error
        await engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), Deadline.In());
        await engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), Deadline.In()); // already stopped: 304

        var stopped = await engine.InspectContainerAsync(id, Deadline.In());
        stopped.State.Status.ShouldBe("exited");
        stopped.State.Running.ShouldBeFalse();
        stopped.State.ExitCode.ShouldBe(137); // sleep as PID 1 ignores SIGTERM: killed after the 1 s grace
        stopped.State.FinishedAt.ShouldNotBeNull();
        stopped.State.OomKilled.ShouldBeFalse();

        await engine.RemoveContainerAsync(id, cancellationToken: Deadline.In());
        await Should.ThrowAsync<DockerNotFoundException>(() => engine.InspectContainerAsync(id, Deadline.In()));
        await engine.RemoveVolumeAsync(volume, cancellationToken: Deadline.In());
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_reported_oom_killed()
    {
        var id = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = docker.UniqueName("oom"),
            Cmd = ["sh", "-c", "a=$(head -c 100000000 /dev/zero | tr '\\0' x); echo survived"],
            Labels = docker.Labels,
            MemoryBytes = 16 * 1024 * 1024,
        }, Deadline.In());
        await docker.Engine.StartContainerAsync(id, Deadline.In());

        var exit = await docker.Engine.WaitContainerAsync(id, cancellationToken: Deadline.In(60));
        var state = (await docker.Engine.InspectContainerAsync(id, Deadline.In())).State;

        exit.StatusCode.ShouldBe(137);
        state.OomKilled.ShouldBeTrue();
        state.ExitCode.ShouldBe(137);
    }

    [Fact]
    public async Task Restart_gives_the_container_a_new_process()
    {
        var id = await docker.RunAsync(docker.UniqueName("restart"), ["sleep", "300"]);
        var before = await docker.Engine.InspectContainerAsync(id, Deadline.In());

        await docker.Engine.RestartContainerAsync(id, TimeSpan.Zero, Deadline.In());

        var after = await docker.Engine.InspectContainerAsync(id, Deadline.In());
        after.State.IsRunning.ShouldBeTrue();
        after.State.Pid.ShouldNotBe(before.State.Pid);
        await docker.Engine.RemoveContainerAsync(id, force: true, cancellationToken: Deadline.In());
    }

    [Fact]
    public async Task List_filters_by_every_label_given()
    {
        var marker = Guid.NewGuid().ToString("N");
        var spec = new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Cmd = ["true"],
            Labels = new Dictionary<string, string>(docker.Labels) { ["molecule.test.marker"] = marker },
        };
        var id = await docker.Engine.CreateContainerAsync(spec with { Name = docker.UniqueName("list") }, Deadline.In());
        await docker.Engine.CreateContainerAsync(spec with { Name = docker.UniqueName("list"), Labels = docker.Labels }, Deadline.In());

        var listed = await docker.Engine.ListContainersAsync(
            [$"{DockerEngineFixture.RunLabel}={docker.RunId}", $"molecule.test.marker={marker}"], cancellationToken: Deadline.In());
        var running = await docker.Engine.ListContainersAsync(
            [$"molecule.test.marker={marker}"], includeStopped: false, Deadline.In());

        var only = listed.ShouldHaveSingleItem();
        only.Id.ShouldBe(id);
        only.State.ShouldBe("created");
        only.Names.ShouldHaveSingleItem().ShouldStartWith("mt-list-");
        only.Labels["molecule.test.marker"].ShouldBe(marker);
        running.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wait_reports_the_exit_code_and_logs_are_demultiplexed()
    {
        var id = await docker.RunAsync(docker.UniqueName("logs"), ["sh", "-c", "echo one; echo oops >&2; echo two; exit 7"]);

        var exit = await docker.Engine.WaitContainerAsync(id, DockerWaitCondition.NotRunning, Deadline.In());
        await using var logs = await docker.Engine.GetContainerLogsAsync(id, new DockerLogsOptions(), Deadline.In());
        var output = await logs.ReadAllAsync(4096, Deadline.In());

        exit.StatusCode.ShouldBe(7);
        exit.Error.ShouldBeNull();
        logs.IsMultiplexed.ShouldBeTrue();
        output.Stdout.ShouldBe("one\ntwo\n"u8.ToArray());
        output.Stderr.ShouldBe("oops\n"u8.ToArray());
        output.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task Logs_tail_keeps_the_last_lines_and_a_tty_container_logs_raw()
    {
        var id = await docker.RunAsync(docker.UniqueName("tail"), ["sh", "-c", "echo a; echo b; echo c"], tty: true);
        await docker.Engine.WaitContainerAsync(id, cancellationToken: Deadline.In());

        await using var logs = await docker.Engine.GetContainerLogsAsync(id, new DockerLogsOptions { Tail = 2 }, Deadline.In());
        var output = await logs.ReadAllAsync(4096, Deadline.In());

        logs.IsMultiplexed.ShouldBeFalse();
        output.Stdout.ShouldBe("b\r\nc\r\n"u8.ToArray()); // a TTY turns \n into \r\n
    }

    [Fact]
    public async Task Name_conflicts_and_killing_a_stopped_container_are_conflicts()
    {
        var name = docker.UniqueName("dup");
        var spec = new DockerContainerSpec { Image = docker.AgentImage, Name = name, Cmd = ["true"], Labels = docker.Labels };
        await docker.Engine.CreateContainerAsync(spec, Deadline.In());

        var duplicate = await Should.ThrowAsync<DockerConflictException>(() => docker.Engine.CreateContainerAsync(spec, Deadline.In()));
        var kill = await Should.ThrowAsync<DockerConflictException>(() => docker.Engine.KillContainerAsync(name, cancellationToken: Deadline.In()));

        duplicate.EngineMessage.ShouldContain("is already in use");
        kill.EngineMessage.ShouldContain("is not running");
    }

    [Fact]
    public async Task Removing_a_running_container_needs_force()
    {
        var id = await docker.RunAsync(docker.UniqueName("rm"), ["sleep", "300"]);

        await Should.ThrowAsync<DockerConflictException>(() => docker.Engine.RemoveContainerAsync(id, cancellationToken: Deadline.In()));
        await docker.Engine.RemoveContainerAsync(id, force: true, cancellationToken: Deadline.In());

        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.InspectContainerAsync(id, Deadline.In()));
    }

    [Fact]
    public async Task Unknown_containers_are_not_found_everywhere()
    {
        var name = docker.UniqueName("ghost");
        var engine = docker.Engine;

        (await Should.ThrowAsync<DockerNotFoundException>(() => engine.InspectContainerAsync(name, Deadline.In())))
            .EngineMessage.ShouldBe($"No such container: {name}");
        await Should.ThrowAsync<DockerNotFoundException>(() => engine.StartContainerAsync(name, Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => engine.StopContainerAsync(name, cancellationToken: Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => engine.RemoveContainerAsync(name, force: true, cancellationToken: Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => engine.CreateExecAsync(name, new DockerExecSpec { Cmd = ["true"] }, Deadline.In()));
    }
}
