using System.Net.WebSockets;
using System.Text;

namespace Molecule.Tests.Aws.Tunnel;

/// <summary>A WebSocket that records what is sent and plays back a scripted list of received messages.</summary>
internal sealed class ScriptedWebSocket : WebSocket
{
    private readonly Queue<(WebSocketMessageType Type, byte[] Payload, WebSocketCloseStatus? Status, string? Reason)> _incoming = new();
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeDescription;

    public List<(WebSocketMessageType Type, byte[] Payload, bool EndOfMessage)> Sent { get; } = [];

    public List<(WebSocketCloseStatus Status, string? Reason)> ClosesSent { get; } = [];

    public ScriptedWebSocket Receives(WebSocketMessageType type, string text)
    {
        _incoming.Enqueue((type, Encoding.UTF8.GetBytes(text), null, null));
        return this;
    }

    public ScriptedWebSocket ReceivesClose(WebSocketCloseStatus status, string reason)
    {
        _incoming.Enqueue((WebSocketMessageType.Close, [], status, reason));
        return this;
    }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => _closeDescription;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    public override void Abort() => _state = WebSocketState.Aborted;

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        ClosesSent.Add((closeStatus, statusDescription));
        _state = _state == WebSocketState.CloseReceived ? WebSocketState.Closed : WebSocketState.CloseSent;
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
    }

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_incoming.TryDequeue(out var next))
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "script ended");
        }

        if (next.Type == WebSocketMessageType.Close)
        {
            _closeStatus = next.Status;
            _closeDescription = next.Reason;
            _state = WebSocketState.CloseReceived;
            return Task.FromResult(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, next.Status, next.Reason));
        }

        next.Payload.CopyTo(buffer.Array!, buffer.Offset);
        return Task.FromResult(new WebSocketReceiveResult(next.Payload.Length, next.Type, true));
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        Sent.Add((messageType, buffer.ToArray(), endOfMessage));
        return Task.CompletedTask;
    }
}
