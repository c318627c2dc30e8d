using Docker.DotNet.Models;
using Molecule.Docker;
using Molecule.Docker.Mapping;

namespace Molecule.Tests.Docker;

public sealed class ContainerMappingTests
{
    [Fact]
    public void A_full_spec_maps_every_member_onto_the_create_parameters()
    {
        var parameters = ContainerSpecMapping.ToParameters(new DockerContainerSpec
        {
            Image = "ghcr.io/molecule-ai/workspace-template-langgraph:latest",
            Name = "ws-1a2b3c4d-5e6",
            Env = ["WORKSPACE_ID=1a2b", "PYTHONPATH=/app", "PYTHONPATH=/override"],
            Cmd = ["sleep", "infinity"],
            Entrypoint = [""],
            Labels = new Dictionary<string, string> { ["molecule.platform.managed"] = "true" },
            WorkingDir = "/workspace",
            User = "agent",
            Tty = true,
            Binds = ["ws-1a2b3c4d-5e6-configs:/configs", "/srv/ws:/workspace:ro"],
            Mounts = [new DockerMount("volume", "ws-1a2b3c4d-5e6-claude-sessions", "/root/.claude/sessions")],
            NetworkMode = "molecule-monorepo-net",
            NetworkAliases = ["ws-1a2b3c4d-5e6"],
            PortBindings = [new DockerPortBinding("8000/tcp", "127.0.0.1", ""), new DockerPortBinding("8000/tcp", "::1")],
            ExtraHosts = ["host.docker.internal:host-gateway"],
            RestartPolicy = DockerRestartPolicy.UnlessStopped,
            MemoryBytes = 512L * 1024 * 1024,
            NanoCpus = 1_000_000_000,
            PidsLimit = 512,
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,noexec,nosuid,size=64m" },
        });

        parameters.Name.ShouldBe("ws-1a2b3c4d-5e6");
        parameters.Image.ShouldBe("ghcr.io/molecule-ai/workspace-template-langgraph:latest");
        parameters.Env.ShouldBe(["WORKSPACE_ID=1a2b", "PYTHONPATH=/app", "PYTHONPATH=/override"]);
        parameters.Cmd.ShouldBe(["sleep", "infinity"]);
        parameters.Entrypoint.ShouldBe([""]);
        parameters.Labels!["molecule.platform.managed"].ShouldBe("true");
        parameters.WorkingDir.ShouldBe("/workspace");
        parameters.User.ShouldBe("agent");
        parameters.Tty.ShouldBeTrue();
        parameters.ExposedPorts!.Keys.ShouldBe(["8000/tcp"]);
        var host = parameters.HostConfig.ShouldNotBeNull();
        host.Binds.ShouldBe(["ws-1a2b3c4d-5e6-configs:/configs", "/srv/ws:/workspace:ro"]);
        var mount = host.Mounts.ShouldHaveSingleItem();
        (mount.Type, mount.Source, mount.Target, mount.ReadOnly).ShouldBe(("volume", "ws-1a2b3c4d-5e6-claude-sessions", "/root/.claude/sessions", false));
        host.NetworkMode.ShouldBe("molecule-monorepo-net");
        host.RestartPolicy.Name.ShouldBe(RestartPolicyKind.UnlessStopped);
        host.PortBindings!["8000/tcp"].Select(b => (b.HostIP, b.HostPort)).ShouldBe([("127.0.0.1", ""), ("::1", "")]);
        host.ExtraHosts.ShouldBe(["host.docker.internal:host-gateway"]);
        host.Memory.ShouldBe(536870912);
        host.NanoCPUs.ShouldBe(1_000_000_000);
        host.PidsLimit.ShouldBe(512);
        host.ReadonlyRootfs.ShouldBeTrue();
        host.Tmpfs!["/tmp"].ShouldBe("rw,noexec,nosuid,size=64m");
        parameters.NetworkingConfig!.EndpointsConfig!["molecule-monorepo-net"].Aliases.ShouldBe(["ws-1a2b3c4d-5e6"]);
    }

    [Fact]
    public void A_minimal_spec_leaves_the_rest_to_the_engine()
    {
        var parameters = ContainerSpecMapping.ToParameters(
            new DockerContainerSpec { Image = "busybox", NetworkMode = "host", Privileged = true, PidMode = "host" });

        parameters.Name.ShouldBeNull();
        parameters.Env.ShouldBeNull();
        parameters.Cmd.ShouldBeNull();
        parameters.Entrypoint.ShouldBeNull();
        parameters.ExposedPorts.ShouldBeNull();
        parameters.NetworkingConfig.ShouldBeNull();
        var host = parameters.HostConfig.ShouldNotBeNull();
        host.Privileged.ShouldBeTrue();
        host.PidMode.ShouldBe("host");
        host.RestartPolicy.ShouldBeNull();
        host.PortBindings.ShouldBeNull();
        host.Mounts.ShouldBeNull();
        host.Memory.ShouldBe(0); // 0 is the engine's "no limit"
        host.PidsLimit.ShouldBeNull();
    }

    [Fact]
    public void An_unknown_restart_policy_is_refused_by_name()
    {
        var error = Should.Throw<ArgumentException>(() => ContainerSpecMapping.ToParameters(
            new DockerContainerSpec { Image = "busybox", RestartPolicy = new DockerRestartPolicy("sometimes") }));

        error.Message.ShouldContain("sometimes");
    }

    [Fact]
    public void An_inspected_container_reads_back_into_the_record()
    {
        var container = ContainerMapping.FromInspect(new ContainerInspectResponse
        {
            ID = "76258ce8a36e",
            Name = "/rec1",
            Image = "sha256:cc606cca",
            Created = new DateTime(2026, 11, 22, 0, 51, 41, DateTimeKind.Utc),
            State = new State
            {
                Status = "exited", Running = false, OOMKilled = true, Pid = 0, ExitCode = 137,
                StartedAt = "2026-11-22T00:51:41.876840708Z", FinishedAt = "2026-11-22T00:10:00.123Z",
                Health = new Health { Status = "unhealthy" },
            },
            Config = new ContainerConfig { Image = "molecule-test/agent:latest", Tty = true, Labels = new Dictionary<string, string> { ["molecule.test"] = "1" } },
            HostConfig = new HostConfig { NetworkMode = "molecule-monorepo-net" },
            NetworkSettings = new NetworkSettings
            {
                Ports = new Dictionary<string, IList<PortBinding>>
                {
                    ["8000/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "49153" }],
                    ["9000/tcp"] = null!, // the engine answers null for an exposed port nobody published
                },
                Networks = new Dictionary<string, EndpointSettings> { ["molecule-monorepo-net"] = new() { IPAddress = "172.18.0.5" } },
            },
            Mounts = [new MountPoint { Type = "volume", Name = "recvol", Source = "/data/volumes/recvol/_data", Destination = "/data", RW = true }],
        });

        container.Id.ShouldBe("76258ce8a36e");
        container.Name.ShouldBe("rec1");
        container.ImageId.ShouldBe("sha256:cc606cca");
        container.Image.ShouldBe("molecule-test/agent:latest");
        container.Created.ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero));
        container.Tty.ShouldBeTrue();
        container.Labels.ShouldBe(new Dictionary<string, string> { ["molecule.test"] = "1" });
        container.NetworkMode.ShouldBe("molecule-monorepo-net");
        container.PublishedPorts.ShouldBe([new DockerPortBinding("8000/tcp", "127.0.0.1", "49153")]);
        container.NetworkAddresses["molecule-monorepo-net"].ShouldBe("172.18.0.5");
        container.Mounts.ShouldBe([new DockerMountPoint("volume", "recvol", "/data/volumes/recvol/_data", "/data", true)]);
        container.State.ShouldBe(new DockerContainerState(
            "exited", false, false, false, true, false, 0, 137, null,
            new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero).AddTicks(8768407),
            new DateTimeOffset(2026, 11, 22, 0, 10, 0, 123, TimeSpan.Zero),
            "unhealthy"));
        container.State.IsRunning.ShouldBeFalse();
    }

    [Fact]
    public void A_paused_container_is_running_but_not_in_the_running_status()
    {
        var state = ContainerMapping.FromInspect(new ContainerInspectResponse
        {
            ID = "p", Name = "/p", State = new State { Status = "paused", Running = true, Paused = true, FinishedAt = "0001-01-01T00:00:00Z" },
        }).State;

        state.Running.ShouldBeTrue();
        state.Paused.ShouldBeTrue();
        state.IsRunning.ShouldBeFalse();
        state.FinishedAt.ShouldBeNull();
        state.Health.ShouldBeNull();
    }

    [Fact]
    public void Container_lists_trim_the_leading_slash_of_names()
    {
        var summary = ContainerMapping.FromList(new ContainerListResponse
        {
            ID = "76258ce8a36e",
            Names = ["/rec1"],
            Image = "molecule-test/agent:latest",
            ImageID = "sha256:cc606cca",
            Created = DateTimeOffset.FromUnixTimeSeconds(1795308701).UtcDateTime,
            State = "running",
            Status = "Up 3 seconds",
            Labels = new Dictionary<string, string> { ["molecule.test"] = "1" },
        });

        summary.Names.ShouldBe(["rec1"]);
        summary.State.ShouldBe("running");
        summary.Status.ShouldBe("Up 3 seconds");
        summary.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308701));
        summary.ImageId.ShouldBe("sha256:cc606cca");
        summary.Labels["molecule.test"].ShouldBe("1");
    }

    [Fact]
    public void Label_filters_take_the_engine_map_form_and_drop_empty_keys()
    {
        var filters = EngineNames.Filters(("label", ["a=1", "b", "a=1"]), ("event", []), ("type", null));

        filters.Keys.ShouldBe(["label"]);
        filters["label"].ShouldBe(new Dictionary<string, bool> { ["a=1"] = true, ["b"] = true });
    }
}
