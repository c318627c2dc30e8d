namespace Molecule.Docker;

/// <summary>A container as <c>GET /containers/{id}/json</c> describes it (the parts callers use).</summary>
public sealed record DockerContainer(
    string Id,
    string Name,
    string ImageId,
    string? Image,
    DateTimeOffset? Created,
    bool Tty,
    IReadOnlyDictionary<string, string> Labels,
    DockerContainerState State,
    string? NetworkMode,
    IReadOnlyList<DockerPortBinding> PublishedPorts,
    IReadOnlyDictionary<string, string> NetworkAddresses,
    IReadOnlyList<DockerMountPoint> Mounts);

/// <summary>
/// The container's process state. Decide "running" with <see cref="IsRunning"/> (status
/// <c>running</c>): a paused container also has <see cref="Running"/> set.
/// </summary>
public sealed record DockerContainerState(
    string Status,
    bool Running,
    bool Paused,
    bool Restarting,
    bool OomKilled,
    bool Dead,
    int Pid,
    int ExitCode,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Health)
{
    public bool IsRunning => Status == "running";
}

/// <summary>A mount as the engine reports it; <paramref name="Name"/> is set for volumes.</summary>
public sealed record DockerMountPoint(string Type, string? Name, string? Source, string Destination, bool ReadWrite);

/// <summary>One entry of <c>GET /containers/json</c>.</summary>
public sealed record DockerContainerSummary(
    string Id,
    IReadOnlyList<string> Names,
    string? Image,
    string? ImageId,
    DateTimeOffset Created,
    string State,
    string? Status,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>How a container ended, from <c>POST /containers/{id}/wait</c>.</summary>
public sealed record DockerContainerExit(long StatusCode, string? Error);

/// <summary>
/// When <c>wait</c> returns: <c>not-running</c> (now, if already stopped). The engine also knows
/// <c>next-exit</c> and <c>removed</c>, but Docker.DotNet's wait does not send a condition.
/// </summary>
public enum DockerWaitCondition
{
    NotRunning,
}

/// <summary>Which container logs to read.</summary>
public sealed record DockerLogsOptions
{
    /// <summary>Only the last N lines; null means all.</summary>
    public int? Tail { get; init; }

    /// <summary>Keep the stream open and follow new output until the caller stops reading.</summary>
    public bool Follow { get; init; }

    public bool Timestamps { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;

    public DateTimeOffset? Since { get; init; }
}
