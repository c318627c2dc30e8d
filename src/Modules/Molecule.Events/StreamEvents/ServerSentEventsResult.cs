using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Molecule.Events.Bus;

namespace Molecule.Events.StreamEvents;

/// <summary>
/// Streams one workspace's events until the client goes away or the server stops. Unlike the
/// reference, a <c>: ping</c> comment goes out every <c>SSE_KEEPALIVE_SECONDS</c> so proxies with
/// idle timeouts keep a quiet stream open; SSE clients ignore comments.
/// </summary>
internal sealed class ServerSentEventsResult(
    IEventBus bus,
    Guid workspaceId,
    EventsOptions options,
    TimeProvider clock,
    CancellationToken stopping) : IResult
{
    private static readonly ReadOnlyMemory<byte> Ping = ": ping\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // Subscribed before the first byte goes out: a client that has read the opening ping sees
        // every event published after it.
        using var subscription = bus.Subscribe("sse", options.SseClientBuffer, envelope => envelope.WorkspaceId == workspaceId);
        using var end = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers.Connection = "keep-alive";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        EventsMetrics.Clients.Add(1, EventsMetrics.SseTransport);
        try
        {
            await WriteAsync(response, Ping, end.Token);
            await StreamAsync(response, subscription, end.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
        finally
        {
            EventsMetrics.Clients.Add(-1, EventsMetrics.SseTransport);
        }
    }

    private async Task StreamAsync(HttpResponse response, EventSubscription subscription, CancellationToken end)
    {
        var reader = subscription.Reader;
        Task<bool>? nextEvent = null;
        Task? pingDue = null;
        while (true)
        {
            // Both waits survive across rounds: the reader allows a single waiter, and one timer
            // per keepalive period is enough.
            nextEvent ??= reader.WaitToReadAsync(end).AsTask();
            pingDue ??= Task.Delay(options.SseKeepAlive, clock, end);
            if (await Task.WhenAny(nextEvent, pingDue) == pingDue)
            {
                await pingDue; // throws when the stream is ending rather than due a ping
                pingDue = null;
                await WriteAsync(response, Ping, end);
                continue;
            }

            if (!await nextEvent)
            {
                return;
            }

            nextEvent = null;
            while (reader.TryRead(out var envelope))
            {
                await WriteAsync(response, envelope.ServerSentEvent, end);
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
