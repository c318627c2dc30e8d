using Microsoft.Extensions.Configuration;

namespace Molecule.Events;

/// <summary>
/// Tuning for event delivery. None of these exist in the reference (it had fixed buffers, no
/// WebSocket pings and no SSE keepalive); the defaults keep its buffer sizes.
/// </summary>
internal sealed class EventsOptions
{
    /// <summary>Seconds between WebSocket pings to /ws clients; 0 turns pings off.</summary>
    [ConfigurationKeyName("WS_KEEPALIVE_SECONDS")]
    public int WebSocketKeepAliveSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds a /ws client has to answer a ping or to take a frame before it is dropped as dead.
    /// </summary>
    [ConfigurationKeyName("WS_KEEPALIVE_TIMEOUT_SECONDS")]
    public int WebSocketKeepAliveTimeoutSeconds { get; set; } = 20;

    /// <summary>Events buffered per /ws client; while full, newer events are dropped for that client.</summary>
    [ConfigurationKeyName("WS_CLIENT_BUFFER")]
    public int WebSocketClientBuffer { get; set; } = 256;

    /// <summary>How long a /ws agent client remembers which workspaces it may see.</summary>
    [ConfigurationKeyName("WS_ACCESS_CACHE_SECONDS")]
    public int WebSocketAccessCacheSeconds { get; set; } = 10;

    /// <summary>Events buffered per SSE client; while full, newer events are dropped for that client.</summary>
    [ConfigurationKeyName("SSE_CLIENT_BUFFER")]
    public int SseClientBuffer { get; set; } = 64;

    /// <summary>Seconds between <c>: ping</c> comments on SSE streams; 0 turns them off.</summary>
    [ConfigurationKeyName("SSE_KEEPALIVE_SECONDS")]
    public int SseKeepAliveSeconds { get; set; } = 30;

    public TimeSpan WebSocketKeepAlive => TimeSpan.FromSeconds(WebSocketKeepAliveSeconds);

    /// <summary>How long a sent frame may wait on a client that does not read.</summary>
    public TimeSpan WebSocketSendTimeout => TimeSpan.FromSeconds(WebSocketKeepAliveTimeoutSeconds);

    /// <summary>How long a ping may go unanswered; no limit when pings are off.</summary>
    public TimeSpan WebSocketPongTimeout => WebSocketKeepAliveSeconds == 0 ? Timeout.InfiniteTimeSpan : WebSocketSendTimeout;

    public TimeSpan WebSocketAccessCache => TimeSpan.FromSeconds(WebSocketAccessCacheSeconds);

    public TimeSpan SseKeepAlive => SseKeepAliveSeconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(SseKeepAliveSeconds);

    internal const int MaxSeconds = 3600;
    internal const int MaxBuffer = 65536;
}
