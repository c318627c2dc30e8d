namespace Molecule.Docker;

/// <summary>
/// What to create: the container config and host config of <c>POST /containers/create</c>.
/// Unset members keep the engine's (or image's) defaults.
/// </summary>
public sealed record DockerContainerSpec
{
    public required string Image { get; init; }

    /// <summary>Container name; must match <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>. Null lets the engine pick one.</summary>
    public string? Name { get; init; }

    /// <summary><c>KEY=value</c> entries; a later duplicate wins inside the container.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary><c>[""]</c> resets the image's entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public string? Hostname { get; init; }

    public bool Tty { get; init; }

    public bool OpenStdin { get; init; }

    /// <summary><c>source:target[:opts]</c>, source being a host path or a volume name.</summary>
    public IReadOnlyList<string>? Binds { get; init; }

    public IReadOnlyList<DockerMount>? Mounts { get; init; }

    /// <summary><c>host</c>, <c>none</c>, <c>bridge</c>, <c>container:&lt;id&gt;</c> or a network name.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>DNS aliases on the <see cref="NetworkMode"/> network (user-defined networks only).</summary>
    public IReadOnlyList<string>? NetworkAliases { get; init; }

    /// <summary>Published ports; each container port is also exposed.</summary>
    public IReadOnlyList<DockerPortBinding>? PortBindings { get; init; }

    /// <summary><c>name:ip</c> entries for /etc/hosts, e.g. <c>host.docker.internal:host-gateway</c>.</summary>
    public IReadOnlyList<string>? ExtraHosts { get; init; }

    public DockerRestartPolicy? RestartPolicy { get; init; }

    public long? MemoryBytes { get; init; }

    /// <summary>CPU cap in billionths of a CPU (1 CPU = 1_000_000_000).</summary>
    public long? NanoCpus { get; init; }

    /// <summary>Maximum number of processes; 0 or -1 means unlimited.</summary>
    public long? PidsLimit { get; init; }

    public bool Privileged { get; init; }

    /// <summary><c>host</c> shares the host's PID namespace.</summary>
    public string? PidMode { get; init; }

    public bool ReadonlyRootfs { get; init; }

    /// <summary>Target path → mount options, e.g. <c>/tmp</c> → <c>rw,noexec,nosuid,size=64m</c>.</summary>
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }

    /// <summary>Remove the container when its process exits (ignored by the engine with a restart policy).</summary>
    public bool AutoRemove { get; init; }
}

/// <summary>A <c>HostConfig.Mounts</c> entry. <paramref name="Type"/> is <c>bind</c>, <c>volume</c> or <c>tmpfs</c>.</summary>
public sealed record DockerMount(string Type, string? Source, string Target, bool ReadOnly = false);

/// <summary><paramref name="Name"/> is <c>no</c>, <c>always</c>, <c>unless-stopped</c> or <c>on-failure</c>.</summary>
public sealed record DockerRestartPolicy(string Name, int MaximumRetryCount = 0)
{
    public static readonly DockerRestartPolicy UnlessStopped = new("unless-stopped");
}

/// <summary>
/// Publishes <paramref name="ContainerPort"/> (<c>8000/tcp</c>) on the host; an empty
/// <paramref name="HostPort"/> lets the engine pick a free one.
/// </summary>
public sealed record DockerPortBinding(string ContainerPort, string? HostIp = null, string? HostPort = null);
