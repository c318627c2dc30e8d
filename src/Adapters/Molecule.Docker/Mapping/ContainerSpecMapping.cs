using Docker.DotNet.Models;

namespace Molecule.Docker.Mapping;

/// <summary>Turns a <see cref="DockerContainerSpec"/> into the library's create parameters; unset members stay unset.</summary>
internal static class ContainerSpecMapping
{
    public static CreateContainerParameters ToParameters(DockerContainerSpec spec)
    {
        var ports = spec.PortBindings ?? [];
        var host = new HostConfig
        {
            Binds = spec.Binds?.ToList(),
            Mounts = spec.Mounts?.Select(m => new Mount { Type = m.Type, Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly }).ToList(),
            NetworkMode = spec.NetworkMode ?? "",
            PortBindings = ports.Count == 0
                ? null
                : ports.GroupBy(p => p.ContainerPort).ToDictionary(
                    group => group.Key,
                    group => (IList<PortBinding>)[.. group.Select(p => new PortBinding { HostIP = p.HostIp ?? "", HostPort = p.HostPort ?? "" })]),
            ExtraHosts = spec.ExtraHosts?.ToList(),
            Memory = spec.MemoryBytes ?? 0,
            NanoCPUs = spec.NanoCpus ?? 0,
            PidsLimit = spec.PidsLimit,
            Privileged = spec.Privileged,
            PidMode = spec.PidMode ?? "",
            ReadonlyRootfs = spec.ReadonlyRootfs,
            Tmpfs = spec.Tmpfs?.ToDictionary(),
            AutoRemove = spec.AutoRemove,
        };
        if (spec.RestartPolicy is { } policy)
        {
            host.RestartPolicy = new RestartPolicy { Name = RestartPolicyKindOf(policy.Name), MaximumRetryCount = policy.MaximumRetryCount };
        }

        return new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Env = spec.Env?.ToList(),
            Cmd = spec.Cmd?.ToList(),
            Entrypoint = spec.Entrypoint?.ToList(),
            Labels = spec.Labels?.ToDictionary(),
            WorkingDir = spec.WorkingDir ?? "",
            User = spec.User ?? "",
            Hostname = spec.Hostname ?? "",
            Tty = spec.Tty,
            OpenStdin = spec.OpenStdin,
            ExposedPorts = ports.Count == 0
                ? null
                : ports.Select(p => p.ContainerPort).Distinct().ToDictionary(port => port, _ => default(EmptyStruct)),
            HostConfig = host,
            NetworkingConfig = spec is { NetworkMode: { Length: > 0 } network, NetworkAliases.Count: > 0 }
                ? new NetworkingConfig
                {
                    EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [.. spec.NetworkAliases] } },
                }
                : null,
        };
    }

    private static RestartPolicyKind RestartPolicyKindOf(string name) => name switch
    {
        "no" => RestartPolicyKind.No,
        "always" => RestartPolicyKind.Always,
        "on-failure" => RestartPolicyKind.OnFailure,
        "unless-stopped" => RestartPolicyKind.UnlessStopped,
        _ => throw new ArgumentException($"unknown restart policy \"{name}\" (no, always, on-failure, unless-stopped)", nameof(name)),
    };
}
