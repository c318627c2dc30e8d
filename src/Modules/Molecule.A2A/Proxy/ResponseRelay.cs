using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Proxy;

/// <summary>What the caller was sent, kept for the activity log.</summary>
internal sealed record RelayedResponse(int Status, byte[] Captured, bool IsEventStream, bool Complete);

/// <summary>
/// Writes the agent's answer to the caller as it arrives: chunk by chunk, flushed, so a
/// <c>message/stream</c> reply or any <c>text/event-stream</c> is never buffered. A copy of the first
/// bytes (up to the cap) is kept for the activity log. Error statuses keep the agent's status code
/// with the body reduced to <c>{error}</c>, as the reference does.
/// </summary>
internal static class ResponseRelay
{
    public static async Task<RelayedResponse> RelayAsync(HttpResponseMessage upstream, HttpContext context, IdleWatchdog watchdog, int captureLimit)
    {
        var status = (int)upstream.StatusCode;
        var isEventStream = upstream.Content.Headers.ContentType?.MediaType == "text/event-stream";
        await using var body = await upstream.Content.ReadAsStreamAsync(watchdog.Token);
        if (status >= 300)
        {
            var (captured, _) = await CaptureAsync(body, captureLimit, watchdog);
            await ApiError.Of(status, ErrorText(captured, status)).ExecuteAsync(context);
            return new RelayedResponse(status, captured, false, true);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = isEventStream ? "text/event-stream" : "application/json";
        if (isEventStream)
        {
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }

        using var capture = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var clientGone = false;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, watchdog.Token)) > 0)
            {
                watchdog.Touch();
                if (capture.Length < captureLimit)
                {
                    capture.Write(buffer, 0, (int)Math.Min(read, captureLimit - capture.Length));
                }

                if (clientGone)
                {
                    continue; // keep reading so the activity log still gets the whole answer
                }

                try
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, read));
                    await response.Body.FlushAsync();
                }
                catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    clientGone = true;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or HttpRequestException)
        {
            if (!response.HasStarted)
            {
                await ApiError.Of(StatusCodes.Status502BadGateway, "failed to read agent response",
                    new JsonObject { ["delivery_confirmed"] = false }).ExecuteAsync(context);
                return new RelayedResponse(StatusCodes.Status502BadGateway, capture.ToArray(), isEventStream, false);
            }

            context.Abort();
            return new RelayedResponse(status, capture.ToArray(), isEventStream, false);
        }

        return new RelayedResponse(status, capture.ToArray(), isEventStream, true);
    }

    private static async Task<(byte[] Captured, bool Complete)> CaptureAsync(Stream body, int limit, IdleWatchdog watchdog)
    {
        using var capture = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, watchdog.Token)) > 0 && capture.Length < limit)
            {
                capture.Write(buffer, 0, (int)Math.Min(read, limit - capture.Length));
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or HttpRequestException)
        {
            return (capture.ToArray(), false);
        }

        return (capture.ToArray(), true);
    }

    /// <summary>The agent's own <c>error</c> string when its body is JSON with one, else the status text.</summary>
    internal static string ErrorText(byte[] body, int status)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj["error"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // not JSON: fall back to the status text
        }

        return ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"agent answered {status}";
    }
}
