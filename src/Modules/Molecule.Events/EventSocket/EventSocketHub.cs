using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Events.Bus;

namespace Molecule.Events.EventSocket;

/// <summary>Accepts /ws clients and keeps count of them.</summary>
internal sealed partial class EventSocketHub(
    IEventBus bus,
    IOptions<EventsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<EventSocketHub> logger)
{
    private int _connected;

    public int ConnectedClients => Volatile.Read(ref _connected);

    /// <summary>Upgrades the request and streams events to it until either side goes away.</summary>
    public async Task ServeAsync(HttpContext context, IEventAudience audience)
    {
        var settings = options.Value;

        // Subscribed before the handshake completes, so a client sees every event published once
        // its connect call has returned.
        using var subscription = bus.Subscribe("websocket", settings.WebSocketClientBuffer);
        // Keep-alive set here wins over the host middleware's defaults, so WS_KEEPALIVE_* apply to /ws.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.WebSocketKeepAlive,
            KeepAliveTimeout = settings.WebSocketPongTimeout,
        });

        Interlocked.Increment(ref _connected);
        EventsMetrics.Clients.Add(1, EventsMetrics.WebSocketTransport);
        LogConnected(context.Connection.Id);
        try
        {
            var session = new EventSocketSession(socket, subscription, audience, settings.WebSocketSendTimeout);
            await session.RunAsync(context.RequestAborted, lifetime.ApplicationStopping);
        }
        finally
        {
            Interlocked.Decrement(ref _connected);
            EventsMetrics.Clients.Add(-1, EventsMetrics.WebSocketTransport);
            LogDisconnected(context.Connection.Id, subscription.Dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "event socket {ConnectionId} connected")]
    private partial void LogConnected(string connectionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "event socket {ConnectionId} disconnected; {Dropped} events dropped on a full buffer")]
    private partial void LogDisconnected(string connectionId, long dropped);
}
