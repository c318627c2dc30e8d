using System.Net.WebSockets;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// The single writer of a tunnel WebSocket. A WebSocket takes one send at a time, and data frames
/// and the close frame come from different loops (local EOF, maximum duration, a bad frame), so
/// both go through one gate; after the close frame no data frame may follow.
/// </summary>
internal sealed class EicFrameSender(WebSocket webSocket, CancellationToken aborted) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _closing;

    public bool Closing => Volatile.Read(ref _closing) == 1;

    /// <summary>Sends one binary frame; false once the close frame has been sent or is on its way.</summary>
    public async ValueTask<bool> SendFrameAsync(ReadOnlyMemory<byte> payload)
    {
        await _gate.WaitAsync(aborted);
        try
        {
            if (Closing)
            {
                return false;
            }

            await webSocket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, aborted);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends the close frame once; later calls return at once. A broken socket is ignored: it is closed anyway.</summary>
    public async Task CloseOnceAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        try
        {
            await _gate.WaitAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (webSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await webSocket.CloseOutputAsync(status, reason, aborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer is gone; there is nobody left to tell.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
