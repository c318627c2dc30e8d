using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;
using Polly;

namespace Molecule.Aws.Json;

/// <summary>
/// One AWS JSON 1.1 service: POSTs <c>{}</c>-shaped bodies to the endpoint with
/// <c>X-Amz-Target: Prefix.Operation</c>, signs every attempt afresh with AWSSDK.Core's SigV4 signer,
/// retries transient failures and turns error answers into <see cref="AwsJsonServiceException"/>.
/// </summary>
internal sealed class AwsJsonClient : IDisposable
{
    private const string ContentType = "application/x-amz-json-1.1";
    private static readonly MediaTypeHeaderValue ContentTypeHeader = MediaTypeHeaderValue.Parse(ContentType);

    private readonly AwsJsonService _service;
    private readonly Uri _endpoint;
    private readonly AWSCredentials _credentials;
    private readonly AwsOptions _options;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger _logger;
    private readonly HttpClient _http;

    public AwsJsonClient(
        AwsJsonService service, Uri endpoint, AWSCredentials credentials, AwsOptions options, ResiliencePipeline retry, ILogger logger,
        HttpMessageHandler? handler = null)
    {
        _service = service;
        _endpoint = endpoint;
        _credentials = credentials;
        _options = options;
        _retry = retry;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
        };
    }

    public AwsService Service => _service.Service;

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        // Serialised once, outside the retries: every attempt sends the same bytes, so a client token
        // filled in by the caller stays the same across attempts.
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var target = _service.Target(operation);
        return await _retry.ExecuteAsync(
            async token => await SendOnceAsync(target, body, responseType, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<TResponse> SendOnceAsync<TResponse>(string target, byte[] body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = await SignedMessageAsync(target, body, cancellationToken).ConfigureAwait(false);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
        if (!response.IsSuccessStatusCode)
        {
            var error = AwsJsonErrorParser.Parse(response.StatusCode, bytes, Header(response, "x-amzn-query-error"), requestId);
            AwsLog.ServiceError(_logger, target, error.ErrorCode, (int)error.StatusCode, error.RequestId);
            throw error;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes.Length == 0 ? "{}"u8 : bytes, responseType)
                ?? throw new JsonException("the answer was JSON null");
        }
        catch (JsonException e)
        {
            throw new AwsJsonServiceException(
                $"{target} answered HTTP {(int)response.StatusCode} with a body that is not its JSON shape: {e.Message}",
                "MalformedResponse", requestId ?? "", response.StatusCode);
        }
    }

    private async Task<HttpRequestMessage> SignedMessageAsync(string target, byte[] body, CancellationToken cancellationToken)
    {
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = _endpoint, Content = body };
        signing.Headers["Content-Type"] = ContentType;
        signing.Headers["X-Amz-Target"] = target;
        var signed = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters { Credentials = _credentials, Region = _options.RegionEndpoint, Service = _service.SigningName },
            cancellationToken).ConfigureAwait(false);

        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = ContentTypeHeader;
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            // Host and the content headers are already on the message; the rest (Authorization,
            // X-Amz-Date, X-Amz-Content-SHA256, X-Amz-Security-Token) are the signature's.
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
