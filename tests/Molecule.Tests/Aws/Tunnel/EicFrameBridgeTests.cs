using System.Net.WebSockets;
using System.Text;
using Molecule.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

public sealed class EicFrameBridgeTests
{
    [Fact]
    public async Task Local_bytes_go_out_as_binary_frames_of_at_most_65000_bytes_in_order()
    {
        var payload = new byte[150_001];
        new Random(7).NextBytes(payload);
        var webSocket = new ScriptedWebSocket();
        using var sender = new EicFrameSender(webSocket, CancellationToken.None);

        var localEnded = await EicFrameBridge.CopyTcpToWebSocketAsync(new MemoryStream(payload), sender, CancellationToken.None);

        localEnded.ShouldBeTrue();
        webSocket.Sent.Select(f => f.Payload.Length).ShouldBe([65_000, 65_000, 20_001]);
        webSocket.Sent.ShouldAllBe(f => f.Type == WebSocketMessageType.Binary && f.EndOfMessage);
        webSocket.Sent.SelectMany(f => f.Payload).ToArray().ShouldBe(payload);
    }

    [Fact]
    public async Task Endpoint_binary_payloads_reach_the_local_socket_unchanged_and_a_1000_close_is_normal()
    {
        var webSocket = new ScriptedWebSocket()
            .Receives(WebSocketMessageType.Binary, "SSH-2.0-")
            .Receives(WebSocketMessageType.Binary, "OpenSSH")
            .ReceivesClose(WebSocketCloseStatus.NormalClosure, "");
        var local = new MemoryStream();

        var end = await EicFrameBridge.CopyWebSocketToTcpAsync(webSocket, local, CancellationToken.None);

        Encoding.UTF8.GetString(local.ToArray()).ShouldBe("SSH-2.0-OpenSSH");
        end.Kind.ShouldBe(EicWebSocketEndKind.Closed);
        end.IsNormalClose.ShouldBeTrue();
    }

    [Fact]
    public async Task A_close_other_than_1000_keeps_its_code_and_reason_and_is_not_normal()
    {
        var webSocket = new ScriptedWebSocket().ReceivesClose((WebSocketCloseStatus)4003, "tunnel refused");

        var end = await EicFrameBridge.CopyWebSocketToTcpAsync(webSocket, new MemoryStream(), CancellationToken.None);

        end.IsNormalClose.ShouldBeFalse();
        end.CloseStatus.ShouldBe(4003);
        end.CloseReason.ShouldBe("tunnel refused");
    }

    [Fact]
    public async Task A_text_frame_ends_the_copy_as_invalid_data_without_writing_it_locally()
    {
        var webSocket = new ScriptedWebSocket()
            .Receives(WebSocketMessageType.Binary, "ok")
            .Receives(WebSocketMessageType.Text, "not a tunnel frame");
        var local = new MemoryStream();

        var end = await EicFrameBridge.CopyWebSocketToTcpAsync(webSocket, local, CancellationToken.None);

        end.Kind.ShouldBe(EicWebSocketEndKind.TextFrame);
        Encoding.UTF8.GetString(local.ToArray()).ShouldBe("ok");
    }

    [Fact]
    public async Task After_the_close_frame_no_data_frame_is_sent_and_the_close_goes_out_once()
    {
        var webSocket = new ScriptedWebSocket();
        using var sender = new EicFrameSender(webSocket, CancellationToken.None);

        await sender.CloseOnceAsync(WebSocketCloseStatus.NormalClosure, "maximum tunnel duration reached");
        await sender.CloseOnceAsync(WebSocketCloseStatus.InvalidMessageType, "second");
        var sent = await sender.SendFrameAsync(new byte[] { 1, 2, 3 });

        sent.ShouldBeFalse();
        webSocket.Sent.ShouldBeEmpty();
        webSocket.ClosesSent.ShouldBe([(WebSocketCloseStatus.NormalClosure, "maximum tunnel duration reached")]);
    }
}
