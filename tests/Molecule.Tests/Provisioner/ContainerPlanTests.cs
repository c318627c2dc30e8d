using Molecule.Docker;
using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class ContainerPlanTests
{
    private static readonly Guid Id = Guid.Parse("1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");

    private static ContainerPlan Plan(int tier, string network, string agentPort = "8000", bool hostGateway = true)
    {
        var limits = TierLimits.For(tier, new());
        var env = ContainerEnvironment.Build(new ContainerEnvironmentInput(
            Id, "w", "langgraph", tier, "http://127.0.0.1:8080", new Dictionary<string, string> { ["AGENT_PORT"] = agentPort }));
        return ContainerPlan.For(
            Id, "img:1", env, WorkspaceMounts.For(Id, "langgraph", limits, null, "none", "/run/docker.sock"), limits, network,
            new Dictionary<string, string> { ["team"] = "blue" }, hostGateway);
    }

    [Fact]
    public void On_a_docker_network_the_agent_port_is_published_on_loopback_and_the_name_is_an_alias()
    {
        var plan = Plan(2, "molecule-monorepo-net", agentPort: "9001");

        plan.HostNetwork.ShouldBeFalse();
        plan.Spec.Name.ShouldBe("ws-1a2b3c4d-5e6");
        plan.Spec.Image.ShouldBe("img:1");
        plan.Spec.NetworkMode.ShouldBe("molecule-monorepo-net");
        plan.Spec.NetworkAliases.ShouldBe(["ws-1a2b3c4d-5e6"]);
        plan.Spec.PortBindings.ShouldBe([new DockerPortBinding("9001/tcp", "127.0.0.1", "")]);
        plan.Spec.ExtraHosts.ShouldBe(["host.docker.internal:host-gateway"]);
        plan.Spec.RestartPolicy.ShouldBe(DockerRestartPolicy.UnlessStopped);
        plan.Spec.Labels!["molecule.platform.managed"].ShouldBe("true");
        plan.Spec.Labels["molecule.workspace.id"].ShouldBe(Id.ToString());
        plan.Spec.Labels["team"].ShouldBe("blue");
        plan.InternalUrl(Id).ShouldBe("http://ws-1a2b3c4d-5e6:9001");
        Plan(2, "molecule-monorepo-net", hostGateway: false).Spec.ExtraHosts.ShouldBeNull();
    }

    [Fact]
    public void On_the_host_network_nothing_is_published_and_the_agent_is_on_loopback()
    {
        var plan = Plan(2, "host", agentPort: "18123");

        plan.HostNetwork.ShouldBeTrue();
        plan.Spec.NetworkMode.ShouldBe("host");
        plan.Spec.PortBindings.ShouldBeNull();
        plan.Spec.NetworkAliases.ShouldBeNull();
        plan.Spec.ExtraHosts.ShouldBeNull();
        plan.HostNetworkUrl.ShouldBe("http://127.0.0.1:18123");
    }

    [Fact]
    public void Tier_four_always_shares_the_host_network_so_its_url_is_reachable()
    {
        var plan = Plan(4, "molecule-monorepo-net");

        plan.HostNetwork.ShouldBeTrue();
        plan.Spec.NetworkMode.ShouldBe("host");
        plan.Spec.Privileged.ShouldBeTrue();
        plan.Spec.PidMode.ShouldBe("host");
        plan.HostNetworkUrl.ShouldBe("http://127.0.0.1:8000");
    }

    [Fact]
    public void Tier_one_gets_a_read_only_root_and_a_small_noexec_tmp()
    {
        var plan = Plan(1, "host");

        plan.Spec.ReadonlyRootfs.ShouldBeTrue();
        plan.Spec.Tmpfs.ShouldBe(new Dictionary<string, string> { ["/tmp"] = "rw,noexec,nosuid,size=64m" });
        plan.Spec.MemoryBytes.ShouldBeNull();
        plan.Spec.NanoCpus.ShouldBeNull();
        plan.Spec.Binds.ShouldBe(["ws-1a2b3c4d-5e6-configs:/configs"]);
    }
}
