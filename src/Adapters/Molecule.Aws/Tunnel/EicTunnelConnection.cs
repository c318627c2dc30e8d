using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// One accepted local connection bridged to its own, freshly presigned WebSocket. Local EOF closes
/// the WebSocket with 1000; the endpoint's close (or anything it does wrong) closes the local socket.
/// </summary>
internal sealed class EicTunnelConnection(
    long number,
    TcpClient local,
    EicEndpoint endpoint,
    EicTunnelTarget target,
    EicTunnelUrlSigner signer,
    EicTunnelOptions options,
    TimeProvider clock,
    ILogger logger)
{
    // How long the endpoint has to answer our close frame before the socket is cut.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private const string InvalidDataReason = "Received invalid data from server";

    /// <summary>Runs until the connection ends; the result is null for a normal end, else why it was cut.</summary>
    public async Task<EicTunnelException?> RunAsync(CancellationToken stopping)
    {
        try
        {
            using var webSocket = new ClientWebSocket();
            webSocket.Options.CollectHttpResponseDetails = true;
            var refused = await ConnectAsync(webSocket, stopping);
            if (refused is not null || stopping.IsCancellationRequested)
            {
                return refused;
            }

            EicTunnelLog.ConnectionOpened(logger, number, target.InstanceId, RequestId(webSocket));
            return await BridgeAsync(webSocket, stopping);
        }
        finally
        {
            CloseLocal();
        }
    }

    private async Task<EicTunnelException?> ConnectAsync(ClientWebSocket webSocket, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var uri = await signer.PresignAsync(endpoint, target, timeout.Token);
            await webSocket.ConnectAsync(uri, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException ex)
        {
            return new EicTunnelException(
                EicTunnelFailure.Unreachable,
                $"EC2 Instance Connect endpoint {endpoint.Id} did not open the tunnel to {target.InstanceId} within {options.ConnectTimeoutSeconds} s",
                ex);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
        {
            var status = (int)webSocket.HttpStatusCode;
            if (status >= 400)
            {
                var requestId = RequestId(webSocket);
                return new EicTunnelException(
                    EicTunnelFailure.HandshakeRejected,
                    $"EC2 Instance Connect endpoint {endpoint.Id} refused the tunnel to {target.InstanceId} ({target.PrivateIpAddress}:{target.RemotePort}) with HTTP {status}"
                        + (requestId is null ? "" : $" (request id {requestId})")
                        + "; check ec2-instance-connect:OpenTunnel in the IAM policy and the clock",
                    ex)
                {
                    HttpStatus = status,
                    RequestId = requestId,
                };
            }

            return new EicTunnelException(
                EicTunnelFailure.Unreachable,
                $"EC2 Instance Connect endpoint {endpoint.Id} could not be reached for {target.InstanceId}: {ex.Message}",
                ex);
        }
    }

    private async Task<EicTunnelException?> BridgeAsync(ClientWebSocket webSocket, CancellationToken stopping)
    {
        // Cancelling a WebSocket receive aborts the socket, so the receive loop is only cancelled
        // when the connection is over anyway: the tunnel stops, or our close went unanswered.
        using var receiveStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var localReadStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var sender = new EicFrameSender(webSocket, stopping);
        using var maxDuration = new CancellationTokenSource(options.MaxTunnelDuration, clock);
        var maxDurationReached = false;
        Task? maxDurationClose = null;

        async Task CloseAsync(WebSocketCloseStatus status, string reason)
        {
            await localReadStop.CancelAsync();
            await sender.CloseOnceAsync(status, reason);
            receiveStop.CancelAfter(CloseHandshakeTimeout);
        }

        using var onMaxDuration = maxDuration.Token.Register(() =>
        {
            Volatile.Write(ref maxDurationReached, true);
            maxDurationClose = CloseAsync(WebSocketCloseStatus.NormalClosure, "maximum tunnel duration reached");
        });

        var stream = local.GetStream();
        var upstream = CopyUpstreamAsync(stream, sender, localReadStop.Token, CloseAsync);

        EicTunnelException? failure;
        try
        {
            var end = await EicFrameBridge.CopyWebSocketToTcpAsync(webSocket, stream, receiveStop.Token);
            failure = end.Kind switch
            {
                EicWebSocketEndKind.TextFrame => new EicTunnelException(
                    EicTunnelFailure.InvalidData,
                    $"EC2 Instance Connect endpoint {endpoint.Id} sent a text frame on the tunnel to {target.InstanceId}: {InvalidDataReason}"),
                EicWebSocketEndKind.Closed when !end.IsNormalClose => ClosedByEndpoint(end),
                _ => null,
            };
            var (status, reason) = end.Kind switch
            {
                EicWebSocketEndKind.TextFrame => (WebSocketCloseStatus.InvalidMessageType, InvalidDataReason),
                EicWebSocketEndKind.Closed when end.CloseStatus is >= 1000 and < 5000 and not (1005 or 1006 or 1015)
                    => ((WebSocketCloseStatus)end.CloseStatus.Value, ""),
                _ => (WebSocketCloseStatus.NormalClosure, ""),
            };
            await sender.CloseOnceAsync(status, reason);
            if (webSocket.State == WebSocketState.CloseSent)
            {
                await AwaitCloseAnswerAsync(webSocket, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Tunnel stopped, or the endpoint never answered our close: either way the work is done.
            failure = null;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            failure = Volatile.Read(ref maxDurationReached)
                ? null
                : new EicTunnelException(
                    EicTunnelFailure.ConnectionLost,
                    $"the EC2 Instance Connect tunnel to {target.InstanceId} broke: {ex.Message}",
                    ex);
        }

        await localReadStop.CancelAsync();
        await upstream;
        await onMaxDuration.DisposeAsync(); // waits for a running callback, so the close task below is final
        if (maxDurationClose is not null)
        {
            await maxDurationClose;
        }

        if (Volatile.Read(ref maxDurationReached))
        {
            return new EicTunnelException(
                EicTunnelFailure.MaxDurationReached,
                $"the EC2 Instance Connect tunnel to {target.InstanceId} reached its maximum duration of "
                    + $"{options.MaxTunnelSeconds.ToString(CultureInfo.InvariantCulture)} s and was closed; reconnect to continue");
        }

        return failure;
    }

    // Completes the close handshake we started: disposing right after our close frame can reset
    // the connection before the endpoint has read that frame, and its reason would be lost.
    private static async Task AwaitCloseAnswerAsync(WebSocket webSocket, CancellationToken stopping)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bound.CancelAfter(CloseHandshakeTimeout);
        var discard = new byte[4096];
        try
        {
            while (webSocket.State == WebSocketState.CloseSent)
            {
                var result = await webSocket.ReceiveAsync(discard.AsMemory(), bound.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // No answer in time: the socket is cut, which is all that is left to do.
        }
    }

    private static async Task CopyUpstreamAsync(
        Stream stream, EicFrameSender sender, CancellationToken readStop, Func<WebSocketCloseStatus, string, Task> close)
    {
        try
        {
            if (await EicFrameBridge.CopyTcpToWebSocketAsync(stream, sender, readStop))
            {
                await close(WebSocketCloseStatus.NormalClosure, "");
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // The receive side reports how the connection ended; this side only stops.
        }
    }

    private EicTunnelException ClosedByEndpoint(EicWebSocketEnd end)
    {
        var reason = string.IsNullOrEmpty(end.CloseReason) ? "(no reason given)" : end.CloseReason;
        var code = end.CloseStatus?.ToString(CultureInfo.InvariantCulture) ?? "none";
        return new EicTunnelException(
            EicTunnelFailure.ClosedByEndpoint,
            $"EC2 Instance Connect endpoint {endpoint.Id} closed the tunnel to {target.InstanceId} with code {code}: {reason}")
        {
            CloseStatus = end.CloseStatus,
            CloseReason = end.CloseReason,
        };
    }

    private static string? RequestId(ClientWebSocket webSocket) =>
        webSocket.HttpResponseHeaders?
            .FirstOrDefault(h => string.Equals(h.Key, "x-amzn-RequestId", StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault() is { Length: > 0 } id
            ? id
            : null;

    private void CloseLocal()
    {
        try
        {
            local.Client.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        local.Dispose();
    }
}
