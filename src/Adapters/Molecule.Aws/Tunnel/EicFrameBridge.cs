using System.Buffers;
using System.Net.WebSockets;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// The two copy loops of a tunnel connection, framed as the CLI's <c>websocket.py</c> frames them
/// (protocols.md §5.4): every local read of up to 65 000 bytes becomes one binary frame; every
/// binary payload from the endpoint is written to the local socket unchanged.
/// </summary>
internal static class EicFrameBridge
{
    /// <summary>The largest frame the CLI sends; the endpoint is known to accept it.</summary>
    public const int MaxFrameBytes = 65_000;

    private const int ReceiveBufferBytes = 64 * 1024;

    /// <summary>
    /// Copies local bytes to the endpoint until the local peer closes (or resets) or the sender is
    /// closing. Returns true when the local side ended, so the caller closes the WebSocket.
    /// </summary>
    public static async Task<bool> CopyTcpToWebSocketAsync(Stream local, EicFrameSender sender, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await local.ReadAsync(buffer.AsMemory(0, MaxFrameBytes), cancellationToken);
                }
                catch (IOException)
                {
                    // A reset from the local client ends its side exactly like a clean close.
                    return true;
                }

                if (read == 0)
                {
                    return true;
                }

                if (!await sender.SendFrameAsync(buffer.AsMemory(0, read)))
                {
                    return false;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies the endpoint's binary frames to the local socket until something ends the stream.</summary>
    public static async Task<EicWebSocketEnd> CopyWebSocketToTcpAsync(WebSocket webSocket, Stream local, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        try
        {
            while (true)
            {
                var result = await webSocket.ReceiveAsync(buffer.AsMemory(0, ReceiveBufferBytes), cancellationToken);
                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return EicWebSocketEnd.Closed((int?)webSocket.CloseStatus, webSocket.CloseStatusDescription);
                    case WebSocketMessageType.Text:
                        return EicWebSocketEnd.TextFrame;
                    default:
                        try
                        {
                            await local.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
                        }
                        catch (IOException)
                        {
                            return EicWebSocketEnd.LocalPeerGone;
                        }

                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>What ended the endpoint-to-local copy.</summary>
internal readonly record struct EicWebSocketEnd(EicWebSocketEndKind Kind, int? CloseStatus, string? CloseReason)
{
    public static readonly EicWebSocketEnd TextFrame = new(EicWebSocketEndKind.TextFrame, null, null);
    public static readonly EicWebSocketEnd LocalPeerGone = new(EicWebSocketEndKind.LocalPeerGone, null, null);

    public static EicWebSocketEnd Closed(int? status, string? reason) => new(EicWebSocketEndKind.Closed, status, reason);

    /// <summary>Only a close frame carrying 1000 is a normal end; any other code (or none) is an error.</summary>
    public bool IsNormalClose => Kind == EicWebSocketEndKind.Closed && CloseStatus == 1000;
}

internal enum EicWebSocketEndKind
{
    Closed,
    TextFrame,
    LocalPeerGone,
}
