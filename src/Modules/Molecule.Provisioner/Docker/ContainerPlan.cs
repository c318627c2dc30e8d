using System.Globalization;
using Molecule.Docker;
using Molecule.Docker.Workspaces;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// Everything decided about a workspace container before the engine is asked: its create spec and
/// where the agent will be reachable. Pure, so the rules are unit-tested without an engine.
/// </summary>
internal sealed record ContainerPlan(DockerContainerSpec Spec, bool HostNetwork, int AgentPort)
{
    public const string HostGatewayAlias = PlatformUrlResolver.DockerHostAlias + ":host-gateway";

    /// <summary>The agent's URL when it shares the host's network.</summary>
    public string HostNetworkUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{AgentPort}");

    /// <summary>The container port published on loopback when it runs on a Docker network.</summary>
    public string PublishedPort => string.Create(CultureInfo.InvariantCulture, $"{AgentPort}/tcp");

    /// <summary>The agent's name on the Docker network, for when no published port is visible.</summary>
    public string InternalUrl(Guid workspaceId) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{WorkspaceContainers.ContainerName(workspaceId)}:{AgentPort}");

    public static ContainerPlan For(
        Guid workspaceId,
        string image,
        IReadOnlyList<KeyValuePair<string, string>> environment,
        WorkspaceMounts mounts,
        TierLimits tier,
        string network,
        IReadOnlyDictionary<string, string> extraLabels,
        bool addHostGatewayAlias)
    {
        var hostNetwork = network == DockerProvisionerOptions.HostNetwork || tier.HostNetwork;
        var agentPort = ContainerEnvironment.AgentPort(environment);
        var name = WorkspaceContainers.ContainerName(workspaceId);
        var plan = new ContainerPlan(
            new DockerContainerSpec
            {
                Image = image,
                Name = name,
                Env = ContainerEnvironment.ToDockerEnv(environment),
                Labels = DockerLabels.For(workspaceId, extraLabels),
                Binds = mounts.Binds,
                NetworkMode = hostNetwork ? DockerProvisionerOptions.HostNetwork : network,
                RestartPolicy = DockerRestartPolicy.UnlessStopped,
                MemoryBytes = tier.MemoryBytes,
                NanoCpus = tier.NanoCpus,
                Privileged = tier.Privileged,
                PidMode = tier.HostPid ? "host" : null,
                ReadonlyRootfs = tier.Sandboxed,
                Tmpfs = tier.Sandboxed ? new Dictionary<string, string> { ["/tmp"] = TierLimits.SandboxTmpfsOptions } : null,
            },
            hostNetwork,
            agentPort);
        if (hostNetwork)
        {
            return plan;
        }

        return plan with
        {
            Spec = plan.Spec with
            {
                NetworkAliases = [name],
                PortBindings = [new DockerPortBinding(plan.PublishedPort, "127.0.0.1", "")],
                ExtraHosts = addHostGatewayAlias ? [HostGatewayAlias] : null,
            },
        };
    }
}
