using System.Net.Http.Headers;

namespace Molecule.A2A.Proxy;

internal enum ForwardFailure
{
    None,
    /// <summary>Nobody answered at the URL: connection refused, no route, DNS failure.</summary>
    Unreachable,
    /// <summary>The agent took the call but went quiet (idle timeout, ceiling) or hung up mid-answer.</summary>
    Busy,
}

internal sealed record ForwardResult(HttpResponseMessage? Response, ForwardFailure Failure, string? Error)
{
    public static ForwardResult Failed(ForwardFailure failure, string error) => new(null, failure, error);
}

/// <summary>Sends the normalised JSON-RPC body to the agent and waits for its response headers.</summary>
internal sealed class AgentForwarder(IHttpClientFactory clients)
{
    public const string ClientName = "a2a";

    public async Task<ForwardResult> SendAsync(string url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        try
        {
            var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new ForwardResult(response, ForwardFailure.None, null);
        }
        catch (OperationCanceledException)
        {
            return ForwardResult.Failed(ForwardFailure.Busy, "the agent did not answer before the idle timeout");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return ForwardResult.Failed(ForwardFailure.Unreachable, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            // The connection was made but the exchange broke (reset, EOF before headers): a busy agent.
            return ForwardResult.Failed(ForwardFailure.Busy, exception.Message);
        }
    }
}
