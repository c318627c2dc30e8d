namespace Molecule.Docker;

/// <summary>
/// The Docker Engine API, as much of it as Molecule uses, over the engine's unix socket
/// (implemented over Docker.DotNet.Enhanced; no library type leaks through this surface).
/// Errors: <see cref="DockerNotFoundException"/> (404), <see cref="DockerConflictException"/> (409),
/// <see cref="DockerApiException"/> (other engine errors), <see cref="DockerUnavailableException"/>
/// (socket missing, refused, or no answer within the request timeout). Ids accept names too.
/// </summary>
public interface IDockerEngine
{
    /// <summary>The DOCKER_HOST this engine talks to, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    string Endpoint { get; }

    /// <summary>Checks that the daemon answers, and reports its newest API version and OS.</summary>
    Task<DockerPing> PingAsync(CancellationToken cancellationToken = default);

    Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    Task<DockerImage> InspectImageAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pulls <paramref name="image"/> (<c>repo[:tag]</c> or <c>repo@digest</c>; no tag means
    /// <c>latest</c>), reporting each progress line; an error in the stream throws.
    /// </summary>
    Task PullImageAsync(
        string image, DockerRegistryAuth? auth = null, Action<DockerPullProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates <paramref name="reference"/> (<c>repo[:tag]</c>) from a root filesystem tar;
    /// <paramref name="changes"/> are Dockerfile instructions such as <c>CMD ["/bin/agent"]</c>.
    /// Returns the image id.
    /// </summary>
    Task<string> ImportImageAsync(
        Stream rootfsTar, string reference, IReadOnlyList<string>? changes = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the new container's id. The image is not pulled when missing (404).</summary>
    Task<string> CreateContainerAsync(DockerContainerSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Starting a running container is not an error.</summary>
    Task StartContainerAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="timeout"/> (engine default when null). Stopping a stopped container is not an error.</summary>
    Task StopContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="signal"/> (name or number); a container that is not running is a conflict.</summary>
    Task KillContainerAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default);

    Task RestartContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary><paramref name="force"/> kills a running container first; <paramref name="removeVolumes"/> drops its anonymous volumes.</summary>
    Task RemoveContainerAsync(string id, bool force = false, bool removeVolumes = false, CancellationToken cancellationToken = default);

    Task<DockerContainer> InspectContainerAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Containers carrying every one of <paramref name="labels"/> (<c>key</c> or <c>key=value</c>).</summary>
    Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(
        IReadOnlyCollection<string> labels, bool includeStopped = true, CancellationToken cancellationToken = default);

    /// <summary>The container's logs (json-file or journald driver); demultiplexed unless the container has a TTY.</summary>
    Task<DockerOutput> GetContainerLogsAsync(string id, DockerLogsOptions options, CancellationToken cancellationToken = default);

    /// <summary>Blocks until <paramref name="condition"/> holds; bounded only by <paramref name="cancellationToken"/>.</summary>
    Task<DockerContainerExit> WaitContainerAsync(
        string id, DockerWaitCondition condition = DockerWaitCondition.NotRunning, CancellationToken cancellationToken = default);

    /// <summary>Creating a volume that exists answers the existing one.</summary>
    Task<DockerVolume> CreateVolumeAsync(
        string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default);

    Task<DockerVolume> InspectVolumeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A volume in use is a conflict unless <paramref name="force"/>.</summary>
    Task RemoveVolumeAsync(string name, bool force = false, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DockerVolume>> ListVolumesAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default);

    /// <summary>Returns the exec id. The container must be running (else a conflict).</summary>
    Task<string> CreateExecAsync(string containerId, DockerExecSpec spec, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts the exec on its own hijacked connection. <paramref name="tty"/> must match the
    /// create: the engine picks the output framing from it.
    /// </summary>
    Task<DockerExecSession> StartExecAsync(string execId, bool tty, CancellationToken cancellationToken = default);

    Task ResizeExecAsync(string execId, int height, int width, CancellationToken cancellationToken = default);

    /// <summary>Read the exit code soon after the output ends: the engine forgets finished execs after a few minutes.</summary>
    Task<DockerExecState> InspectExecAsync(string execId, CancellationToken cancellationToken = default);

    /// <summary>Unpacks <paramref name="tar"/> into <paramref name="path"/>, which must be an existing directory.</summary>
    Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken = default);

    /// <summary>A tar of <paramref name="path"/> (file or directory) with its stat. Dispose it.</summary>
    Task<DockerArchive> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken = default);

    /// <summary>Stats <paramref name="path"/> without reading it; missing paths are not found.</summary>
    Task<DockerPathStat> StatPathAsync(string containerId, string path, CancellationToken cancellationToken = default);

    /// <summary>Streams events until <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<DockerEvent> StreamEventsAsync(DockerEventFilter filter, CancellationToken cancellationToken = default);
}
