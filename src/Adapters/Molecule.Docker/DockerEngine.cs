using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

/// <summary>
/// <see cref="IDockerEngine"/> over HTTP/1.1 on the engine's unix socket. One instance per process:
/// it pools connections and negotiates the API version once. The calls live in one partial file
/// per area (images, containers, volumes, exec, archive, events).
/// </summary>
internal sealed partial class DockerEngine : IDockerEngine, IDisposable
{
    private readonly EngineClient _client;
    private readonly ILogger _logger;

    public DockerEngine(IOptions<DockerOptions> options, ILogger<DockerEngine> logger)
        : this(DockerTransport.ForUnixSocket(DockerEndpoint.Parse(options.Value.EffectiveHost)), options.Value, logger)
    {
    }

    internal DockerEngine(DockerTransport transport, DockerOptions options, ILogger logger)
    {
        _client = new EngineClient(transport, options, logger);
        _logger = logger;
    }

    public string Endpoint => _client.Endpoint;

    public async Task<DockerPing> PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync(DockerRequest.Get("_ping"), cancellationToken, versioned: false);
        var server = response.Headers.Server.ToString();
        return new DockerPing(Header(response, "Api-Version"), Header(response, "Ostype"), server.Length == 0 ? null : server);
    }

    public async Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        var wire = await _client.SendForJsonAsync(DockerRequest.Get("version"), DockerJsonContext.Default.VersionWire, cancellationToken);
        return new DockerVersion(
            wire.Version ?? "", wire.ApiVersion ?? "", wire.MinAPIVersion, wire.Os, wire.Arch, wire.KernelVersion);
    }

    public void Dispose() => _client.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string FiltersJson(Dictionary<string, List<string>> filters) =>
        System.Text.Json.JsonSerializer.Serialize(filters, DockerJsonContext.Default.DictionaryStringListString);

    private static IReadOnlyDictionary<string, string> Labels(Dictionary<string, string>? labels) =>
        labels ?? new Dictionary<string, string>();
}
