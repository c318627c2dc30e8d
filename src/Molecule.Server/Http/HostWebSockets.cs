namespace Molecule.Server.Http;

/// <summary>
/// WebSocket settings for /ws and the terminal. Pings every 30 s keep idle sockets open through
/// proxies, and a peer that stops answering them is dropped instead of holding a subscriber slot.
/// Origins are not restricted here: the handlers apply the reference's per-route origin rules.
/// </summary>
internal static class HostWebSockets
{
    public static readonly WebSocketOptions Options = new()
    {
        KeepAliveInterval = TimeSpan.FromSeconds(30),
        KeepAliveTimeout = TimeSpan.FromSeconds(30),
    };
}
