using System.Buffers;
using System.Net.WebSockets;
using Molecule.Events.Bus;

namespace Molecule.Events.EventSocket;

/// <summary>
/// One /ws connection: sends the events its audience may see, reads and discards whatever the
/// client sends, and answers the client's Close.
/// </summary>
internal sealed class EventSocketSession(
    WebSocket socket,
    EventSubscription subscription,
    IEventAudience audience,
    TimeSpan sendTimeout)
{
    // How long a closing handshake may take before the socket is simply dropped.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var receiving = ReceiveUntilCloseAsync(aborted);
        var sending = SendEventsAsync(stopSending.Token);

        if (await Task.WhenAny(receiving, sending) == receiving)
        {
            // Stopping only cancels the wait for the next event, never a frame half sent, so the
            // send loop ends cleanly and the Close reply cannot collide with a data frame.
            await stopSending.CancelAsync();
            await sending;
            if (socket.State == WebSocketState.CloseReceived)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, null);
            }

            return;
        }

        // The send loop ended first: the server is stopping, or the client stopped taking frames.
        if (socket.State == WebSocketState.Open)
        {
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
        }

        try
        {
            await receiving.WaitAsync(CloseTimeout, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }

        // Surfaces anything unexpected (other than a gone client) that ended the send loop.
        await sending;
    }

    private async Task<bool> ReceiveUntilCloseAsync(CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendEventsAsync(CancellationToken stop)
    {
        // A peer that stops reading fills the TCP window and blocks the send; the deadline aborts
        // the socket then, which also ends the receive loop.
        var sendDeadline = new CancellationTokenSource();
        var reader = subscription.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                while (reader.TryRead(out var envelope))
                {
                    if (!await audience.MaySeeAsync(envelope, stop))
                    {
                        continue;
                    }

                    sendDeadline.CancelAfter(sendTimeout);
                    await socket.SendAsync(envelope.WebSocketFrame, WebSocketMessageType.Text, endOfMessage: true, sendDeadline.Token);
                    if (!sendDeadline.TryReset())
                    {
                        // It fired just after the send completed: the next send needs a fresh one.
                        sendDeadline.Dispose();
                        sendDeadline = new CancellationTokenSource();
                    }
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client is gone or the server is stopping; RunAsync decides what comes next.
        }
        finally
        {
            sendDeadline.Dispose();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string? description)
    {
        using var deadline = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(status, description, deadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }
}
