using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Molecule.Docker.Transport;

/// <summary>
/// Sends <see cref="DockerRequest"/>s: negotiates and prefixes the API version, bounds each call by
/// the request timeout, and turns transport failures and error statuses into typed exceptions.
/// </summary>
internal sealed class EngineClient : IDisposable
{
    /// <summary>Error bodies are one short JSON object; anything longer is cut.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly DockerTransport _transport;
    private readonly TimeSpan _timeout;
    private readonly ApiVersion? _pinnedVersion;
    private readonly ILogger _logger;
    private readonly Lock _versionGate = new();
    private Task<ApiVersion>? _negotiation;

    public EngineClient(DockerTransport transport, DockerOptions options, ILogger logger)
    {
        _transport = transport;
        _timeout = options.RequestTimeout;
        _pinnedVersion = ApiVersion.TryParse(options.ApiVersion, out var pinned) ? pinned : null;
        _logger = logger;
    }

    public string Endpoint => _transport.Endpoint;

    public DockerTransport Transport => _transport;

    /// <summary>The version every versioned path is prefixed with: pinned, or negotiated once and cached.</summary>
    public async Task<ApiVersion> GetApiVersionAsync(CancellationToken cancellationToken)
    {
        if (_pinnedVersion is { } pinned)
        {
            return pinned;
        }

        Task<ApiVersion> negotiation;
        lock (_versionGate)
        {
            negotiation = _negotiation ??= NegotiateAsync();
        }

        try
        {
            return await negotiation.WaitAsync(cancellationToken);
        }
        catch (Exception) when (negotiation.IsFaulted)
        {
            // A daemon that was down a moment ago may be up now: never cache a failure.
            lock (_versionGate)
            {
                if (_negotiation == negotiation)
                {
                    _negotiation = null;
                }
            }

            throw;
        }
    }

    /// <summary>Answers with the success response; the caller owns (and disposes) it.</summary>
    public async Task<HttpResponseMessage> SendAsync(DockerRequest request, CancellationToken cancellationToken, bool versioned = true)
    {
        using var timeout = StartTimeout(request, cancellationToken);
        return await SendCoreAsync(_transport.Pooled, request, versioned, timeout.Token, cancellationToken);
    }

    /// <summary>A call whose body is read within the request timeout and thrown away (204/304 answers).</summary>
    public async Task<HttpStatusCode> SendForStatusAsync(DockerRequest request, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(request, cancellationToken);
        using var response = await SendCoreAsync(_transport.Pooled, request, versioned: true, timeout.Token, cancellationToken);
        return response.StatusCode;
    }

    public async Task<T> SendForJsonAsync<T>(DockerRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(request, cancellationToken);
        using var response = await SendCoreAsync(_transport.Pooled, request, versioned: true, timeout.Token, cancellationToken);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await JsonSerializer.DeserializeAsync(body, typeInfo, timeout.Token)
                ?? throw new DockerApiException(HttpStatusCode.InternalServerError, $"empty answer to {request}");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, e);
        }
        catch (JsonException e)
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, $"unreadable answer to {request}: {e.Message}");
        }
    }

    /// <summary>
    /// For streams: only the wait for the response headers is bounded by the request timeout; reading
    /// the body is bounded by whatever token the caller reads it with.
    /// </summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(DockerRequest request, CancellationToken cancellationToken, HttpMessageInvoker? invoker = null)
    {
        using var timeout = StartTimeout(request, cancellationToken);
        return await SendCoreAsync(invoker ?? _transport.Pooled, request, versioned: true, timeout.Token, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();

    private CancellationTokenSource StartTimeout(DockerRequest request, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout + request.ExtraTimeout);
        return timeout;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMessageInvoker invoker, DockerRequest request, bool versioned, CancellationToken timeoutToken, CancellationToken callerToken)
    {
        HttpResponseMessage response;
        try
        {
            var version = versioned ? await GetApiVersionAsync(timeoutToken) : (ApiVersion?)null;
            // The request message is not disposed: that would dispose a caller's tar stream.
            response = await invoker.SendAsync(request.ToHttpRequest(version), timeoutToken);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw TimedOut(request, e);
        }
        catch (HttpRequestException e)
        {
            DockerLog.EngineUnreachable(_logger, Endpoint, request.ToString(), e.Message);
            throw Unreachable(e);
        }

        if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.SwitchingProtocols)
        {
            return response;
        }

        using (response)
        {
            var message = await ReadErrorMessageAsync(response, timeoutToken);
            DockerLog.EngineError(_logger, request.ToString(), (int)response.StatusCode, message);
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new DockerNotFoundException(message),
                HttpStatusCode.Conflict => new DockerConflictException(message),
                _ => new DockerApiException(response.StatusCode, message),
            };
        }
    }

    private async Task<ApiVersion> NegotiateAsync()
    {
        using var timeout = new CancellationTokenSource(_timeout);
        var request = DockerRequest.Get("_ping");
        using var response = await SendCoreAsync(_transport.Pooled, request, versioned: false, timeout.Token, CancellationToken.None);
        var serverMaximum = response.Headers.TryGetValues("Api-Version", out var values) ? values.FirstOrDefault() : null;
        var version = ApiVersion.Negotiate(serverMaximum);
        DockerLog.ApiVersionNegotiated(_logger, Endpoint, version.ToString(), serverMaximum ?? "none");
        return version;
    }

    /// <summary>The engine's <c>{"message": "..."}</c>, else the raw text, else the status line (304/HEAD carry no body).</summary>
    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = "";
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            text = Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status code alone still says what happened.
        }

        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    text = message.GetString() ?? "";
                }
            }
            catch (JsonException)
            {
                // Not JSON after all; keep the text.
            }
        }

        return text.Length > 0 ? text : $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
    }

    private DockerUnavailableException Unreachable(HttpRequestException e)
    {
        var reason = e.InnerException is IOException or System.Net.Sockets.SocketException ? e.InnerException.Message : e.Message;
        return new DockerUnavailableException(Endpoint, reason, e);
    }

    private DockerUnavailableException TimedOut(DockerRequest request, Exception e) =>
        new(Endpoint, $"no answer to {request} within {(_timeout + request.ExtraTimeout).TotalSeconds:0}s", new TimeoutException(e.Message, e));
}
