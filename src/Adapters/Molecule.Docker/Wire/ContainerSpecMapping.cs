namespace Molecule.Docker.Wire;

/// <summary>Turns a <see cref="DockerContainerSpec"/> into the create body the engine expects.</summary>
internal static class ContainerSpecMapping
{
    public static ContainerCreateWire ToWire(DockerContainerSpec spec)
    {
        var ports = spec.PortBindings ?? [];
        return new ContainerCreateWire
        {
            Image = spec.Image,
            Env = spec.Env?.ToList(),
            Cmd = spec.Cmd?.ToList(),
            Entrypoint = spec.Entrypoint?.ToList(),
            Labels = spec.Labels?.ToDictionary(),
            WorkingDir = spec.WorkingDir,
            User = spec.User,
            Hostname = spec.Hostname,
            Tty = spec.Tty,
            OpenStdin = spec.OpenStdin,
            ExposedPorts = ports.Count == 0
                ? null
                : ports.Select(p => p.ContainerPort).Distinct().ToDictionary(port => port, _ => new EmptyWire()),
            HostConfig = new HostConfigWire
            {
                Binds = spec.Binds?.ToList(),
                Mounts = spec.Mounts?.Select(m => new MountWire
                {
                    Type = m.Type, Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly,
                }).ToList(),
                NetworkMode = spec.NetworkMode,
                RestartPolicy = spec.RestartPolicy is { } policy
                    ? new RestartPolicyWire { Name = policy.Name, MaximumRetryCount = policy.MaximumRetryCount }
                    : null,
                PortBindings = ports.Count == 0
                    ? null
                    : ports.GroupBy(p => p.ContainerPort).ToDictionary(
                        group => group.Key,
                        group => group.Select(p => new PortBindingWire { HostIp = p.HostIp ?? "", HostPort = p.HostPort ?? "" }).ToList()),
                ExtraHosts = spec.ExtraHosts?.ToList(),
                Memory = spec.MemoryBytes,
                NanoCpus = spec.NanoCpus,
                PidsLimit = spec.PidsLimit,
                Privileged = spec.Privileged,
                PidMode = spec.PidMode,
                ReadonlyRootfs = spec.ReadonlyRootfs,
                Tmpfs = spec.Tmpfs?.ToDictionary(),
                AutoRemove = spec.AutoRemove,
            },
            NetworkingConfig = spec is { NetworkMode: { Length: > 0 } network, NetworkAliases.Count: > 0 }
                ? new NetworkingConfigWire
                {
                    EndpointsConfig = new() { [network] = new EndpointSettingsWire { Aliases = spec.NetworkAliases.ToList() } },
                }
                : null,
        };
    }
}
