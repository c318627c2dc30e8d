namespace Molecule.Docker.Wire;

internal sealed class ContainerCreateWire
{
    public required string Image { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? WorkingDir { get; set; }
    public string? User { get; set; }
    public string? Hostname { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public Dictionary<string, EmptyWire>? ExposedPorts { get; set; }
    public required HostConfigWire HostConfig { get; set; }
    public NetworkingConfigWire? NetworkingConfig { get; set; }
}

/// <summary>Serialises as <c>{}</c>: the engine's way of writing a set (<c>ExposedPorts</c>).</summary>
internal sealed class EmptyWire;

internal sealed class HostConfigWire
{
    public List<string>? Binds { get; set; }
    public List<MountWire>? Mounts { get; set; }
    public string? NetworkMode { get; set; }
    public RestartPolicyWire? RestartPolicy { get; set; }
    public Dictionary<string, List<PortBindingWire>>? PortBindings { get; set; }
    public List<string>? ExtraHosts { get; set; }
    public long? Memory { get; set; }
    public long? NanoCpus { get; set; }
    public long? PidsLimit { get; set; }
    public bool Privileged { get; set; }
    public string? PidMode { get; set; }
    public bool ReadonlyRootfs { get; set; }
    public Dictionary<string, string>? Tmpfs { get; set; }
    public bool AutoRemove { get; set; }
}

internal sealed class MountWire
{
    public required string Type { get; set; }
    public string? Source { get; set; }
    public required string Target { get; set; }
    public bool ReadOnly { get; set; }
}

internal sealed class RestartPolicyWire
{
    public string? Name { get; set; }
    public int MaximumRetryCount { get; set; }
}

internal sealed class PortBindingWire
{
    public string? HostIp { get; set; }
    public string? HostPort { get; set; }
}

internal sealed class NetworkingConfigWire
{
    public Dictionary<string, EndpointSettingsWire>? EndpointsConfig { get; set; }
}

internal sealed class EndpointSettingsWire
{
    public List<string>? Aliases { get; set; }
    public string? IPAddress { get; set; }
}

internal sealed class ContainerCreatedWire
{
    public string? Id { get; set; }
    public List<string>? Warnings { get; set; }
}
