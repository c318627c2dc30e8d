using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker.Client;

namespace Molecule.Docker;

/// <summary>
/// <see cref="IDockerEngine"/> over Docker.DotNet (Docker.DotNet.Enhanced) on the engine's unix
/// socket. One instance per process: it negotiates the API version once. The calls live in one
/// partial file per area (images, containers, volumes, exec, archive, events); the mapping between
/// our records and the library's models lives in Mapping/.
/// </summary>
internal sealed partial class DockerEngine : IDockerEngine, IDisposable
{
    private readonly EngineClient _client;
    private readonly ILogger _logger;

    public DockerEngine(IOptions<DockerOptions> options, ILogger<DockerEngine> logger)
        : this(options.Value, logger)
    {
    }

    internal DockerEngine(DockerOptions options, ILogger logger)
    {
        _client = new EngineClient(options, logger);
        _logger = logger;
    }

    public string Endpoint => _client.Endpoint;

    /// <summary>
    /// Asks <c>/version</c>: as cheap for the daemon as <c>/_ping</c>, and the library does not hand
    /// out the ping's headers, which is where the daemon's API version and OS would be.
    /// </summary>
    public async Task<DockerPing> PingAsync(CancellationToken cancellationToken = default)
    {
        var version = await GetVersionAsync(cancellationToken);
        return new DockerPing(version.ApiVersion, version.Os, $"Docker/{version.Version} ({version.Os})");
    }

    public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var version = await _client.CallAsync("GET /version", (docker, token) => docker.System.GetVersionAsync(token), cancellationToken);
        return new DockerVersion(version.Version, version.APIVersion, version.MinAPIVersion, version.Os, version.Arch, version.KernelVersion);
    }

    public void Dispose() => _client.Dispose();
}
