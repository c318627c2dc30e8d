using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Unix;
using LibraryApiException = Docker.DotNet.DockerApiException;
using Microsoft.Extensions.Logging;

namespace Molecule.Docker.Client;

/// <summary>
/// The Docker.DotNet client for one engine: speaks the pinned API version or negotiates it once,
/// bounds each call by the request timeout, and turns the library's and the transport's failures
/// into our typed exceptions, which name the socket and carry the engine's own message.
/// </summary>
internal sealed class EngineClient : IDisposable
{
    private readonly DockerEndpoint _endpoint;
    private readonly TimeSpan _timeout;
    private readonly ApiVersion? _pinnedVersion;
    private readonly ILogger _logger;
    private readonly OnceUntilSuccess<DockerClient> _client;
    private DockerClient? _connected;

    public EngineClient(DockerOptions options, ILogger logger)
    {
        _endpoint = DockerEndpoint.Parse(options.EffectiveHost);
        _timeout = options.RequestTimeout;
        _pinnedVersion = ApiVersion.TryParse(options.ApiVersion, out var pinned) ? pinned : null;
        _logger = logger;
        _client = new OnceUntilSuccess<DockerClient>(ConnectAsync);
    }

    /// <summary>The DOCKER_HOST value, for error messages.</summary>
    public string Endpoint => _endpoint.Host;

    /// <summary>A call the engine answers at once, bounded by the request timeout plus <paramref name="extraTime"/> (stop waits its grace period).</summary>
    public async Task<T> CallAsync<T>(
        string request, Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan extraTime = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout + extraTime);
        try
        {
            var client = await _client.GetAsync(timeout.Token);
            return await call(client, timeout.Token);
        }
        catch (Exception e) when (Translate(request, e, timeout, cancellationToken, _timeout + extraTime) is { } translated)
        {
            throw translated;
        }
    }

    public Task CallAsync(
        string request, Func<DockerClient, CancellationToken, Task> call, CancellationToken cancellationToken, TimeSpan extraTime = default) =>
        CallAsync(request, async (client, token) =>
        {
            await call(client, token);
            return true;
        }, cancellationToken, extraTime);

    /// <summary>
    /// A call that lasts as long as the engine needs (a pull, a wait, an event stream): bounded only by
    /// <paramref name="cancellationToken"/>, since the library reads these answers to their end.
    /// </summary>
    public async Task<T> CallUntilDoneAsync<T>(string request, Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var client = await _client.GetAsync(cancellationToken);
            return await call(client, cancellationToken);
        }
        catch (Exception e) when (Translate(request, e, timeout: null, cancellationToken, Timeout.InfiniteTimeSpan) is { } translated)
        {
            throw translated;
        }
    }

    public void Dispose() => _connected?.Dispose();

    private async Task<DockerClient> ConnectAsync()
    {
        if (_pinnedVersion is { } pinned)
        {
            return _connected = Build(pinned);
        }

        // The daemon's newest version comes from /version on an unversioned path; the client then speaks
        // the lower of that and what this code knows, so a newer daemon keeps answering in shapes we map.
        using var timeout = new CancellationTokenSource(_timeout);
        using var probe = Build(version: null);
        string serverMaximum;
        try
        {
            serverMaximum = (await probe.System.GetVersionAsync(timeout.Token)).APIVersion;
        }
        catch (Exception e) when (Translate("GET /version", e, timeout, CancellationToken.None, _timeout) is { } translated)
        {
            throw translated;
        }

        var version = ApiVersion.Negotiate(serverMaximum);
        DockerLog.ApiVersionNegotiated(_logger, Endpoint, version.ToString(), serverMaximum);
        return _connected = Build(version);
    }

    /// <summary>
    /// The library's unix transport, chosen explicitly: its hijacked exec stream reads and writes at
    /// once (a terminal needs both). The library gets no logger: requests carry env values (secrets).
    /// </summary>
    private DockerClient Build(ApiVersion? version) =>
        new DockerClientBuilder()
            .WithEndpoint(_endpoint.Uri)
            .WithApiVersion(version?.ToVersion())
            .WithTimeout(Timeout.InfiniteTimeSpan)
            .WithTransportOptions(new UnixSocketTransportOptions())
            .Build();

    /// <summary>The exception to throw instead of <paramref name="e"/>; null keeps <paramref name="e"/>.</summary>
    private Exception? Translate(
        string request, Exception e, CancellationTokenSource? timeout, CancellationToken callerToken, TimeSpan limit)
    {
        if (e is DockerException)
        {
            return null;
        }

        if (callerToken.IsCancellationRequested)
        {
            return e is OperationCanceledException ? null : new OperationCanceledException(e.Message, e, callerToken);
        }

        if (timeout?.IsCancellationRequested == true)
        {
            return new DockerUnavailableException(
                Endpoint, $"no answer to {request} within {limit.TotalSeconds:0}s", new TimeoutException(e.Message, e));
        }

        switch (e)
        {
            case LibraryApiException api:
                var error = EngineErrorText.ToException(api.StatusCode, api.ResponseBody);
                DockerLog.EngineError(_logger, request, (int)api.StatusCode, error.EngineMessage);
                return error;
            case HttpRequestException or IOException or SocketException:
                var reason = DescribeFailure(e);
                DockerLog.EngineUnreachable(_logger, Endpoint, request, reason);
                return new DockerUnavailableException(Endpoint, reason, e);
            case JsonException:
                return new DockerApiException(System.Net.HttpStatusCode.InternalServerError, $"unreadable answer to {request}: {e.Message}");
            default:
                return null;
        }
    }

    /// <summary>The OS text for a missing socket file is "No such file or directory" at best: say what it means.</summary>
    private string DescribeFailure(Exception e)
    {
        var path = _endpoint.SocketPath;
        var socketError = (e as SocketException) ?? (e.InnerException as SocketException);
        return socketError?.SocketErrorCode switch
        {
            not null when !File.Exists(path) => $"no socket at {path}",
            SocketError.ConnectionRefused => $"nothing accepts connections on {path} (connection refused)",
            SocketError.AccessDenied => $"no permission to open {path}",
            not null => $"{socketError.Message} ({path})",
            null => $"the connection to {path} failed: {(e.InnerException ?? e).Message}",
        };
    }
}
