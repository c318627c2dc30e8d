using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.Testing.Aws.Tunnel;

/// <summary>What the fake endpoint was asked for by one accepted, correctly signed handshake.</summary>
public sealed record EicTunnelRequest(string EndpointId, string PrivateIpAddress, int RemotePort, int? MaxTunnelDuration, int Expires);

/// <summary>A close frame the fake sends instead of bridging (e.g. 4003 "tunnel refused").</summary>
public sealed record EicTunnelRefusal(int Code, string Reason);

/// <summary>
/// An in-process EC2 Instance Connect endpoint: Kestrel on 127.0.0.1 serving <c>/openTunnel</c>
/// as a WebSocket. It checks the SigV4 presign with <see cref="SigV4Verifier"/> (HTTP 403 when
/// wrong or expired, like the real endpoint's refused handshake), then bridges binary frames to
/// <see cref="Target"/> over TCP. It can refuse with a close code, send a forbidden text frame, and
/// counts concurrent tunnels and the frame sizes it saw.
/// </summary>
public sealed class EicTunnelEndpointFake : IAsyncDisposable
{
    public const string Service = "ec2-instance-connect";

    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier = new();
    private readonly ConcurrentQueue<EicTunnelRequest> _requests = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private readonly ConcurrentQueue<(int? Status, string? Reason)> _clientCloses = new();
    private int _active;
    private int _peak;
    private int _largestFrameReceived;

    private EicTunnelEndpointFake(WebApplication app, EicPresignCredentials credentials, string region)
    {
        _app = app;
        Credentials = credentials;
        Region = region;
        _verifier.AddCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    public static async Task<EicTunnelEndpointFake> StartAsync(
        IPEndPoint target,
        EicPresignCredentials? credentials = null,
        string region = "us-east-1")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new EicTunnelEndpointFake(
            app,
            credentials ?? new EicPresignCredentials("AKIDTUNNELFAKE", "tunnel/fake+secret", "tunnel-session/token+="),
            region)
        {
            Target = target,
        };
        app.UseWebSockets();
        app.Map("/openTunnel", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
        return fake;
    }

    /// <summary><c>ws://127.0.0.1:port</c>: what <c>EIC_TUNNEL_URL</c> is set to.</summary>
    public Uri Url { get; private set; } = null!;

    public EicPresignCredentials Credentials { get; }

    public string Region { get; }

    /// <summary>The clock expiry is checked against; move it to test expired URLs.</summary>
    public TimeProvider Clock
    {
        get => _verifier.Clock;
        set => _verifier.Clock = value;
    }

    /// <summary>Where accepted tunnels are bridged to (the echo server, later the real sshd).</summary>
    public IPEndPoint Target { get; set; } = null!;

    /// <summary>When set, every tunnel is closed at once with this code and reason.</summary>
    public EicTunnelRefusal? Refusal { get; set; }

    /// <summary>When true, every tunnel gets a text frame, which the protocol forbids.</summary>
    public bool SendTextFrame { get; set; }

    public IReadOnlyCollection<EicTunnelRequest> Requests => _requests;

    /// <summary>Why handshakes were refused with 403 (signature, expiry …).</summary>
    public IReadOnlyCollection<string> Rejections => _rejections;

    /// <summary>How clients closed their WebSockets, in order.</summary>
    public IReadOnlyCollection<(int? Status, string? Reason)> ClientCloses => _clientCloses;

    public int ActiveTunnels => Volatile.Read(ref _active);

    public int PeakTunnels => Volatile.Read(ref _peak);

    /// <summary>The largest binary message a client sent (the CLI's limit is 65 000 bytes).</summary>
    public int LargestFrameReceived => Volatile.Read(ref _largestFrameReceived);

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var verdict = _verifier.VerifyPresignedTarget("GET", context.Request.Host.Value ?? "", rawTarget, Service, Region);
        if (!verdict.IsValid)
        {
            var problem = RejectionText(verdict);
            _rejections.Enqueue(problem);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync($"{{\"message\":\"{problem}\"}}");
            return;
        }

        var query = context.Request.Query;
        if (!int.TryParse(query["remotePort"], CultureInfo.InvariantCulture, out var port) || port is not (22 or 3389))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        _requests.Enqueue(new EicTunnelRequest(
            query["instanceConnectEndpointId"].ToString(),
            query["privateIpAddress"].ToString(),
            port,
            int.TryParse(query["maxTunnelDuration"], CultureInfo.InvariantCulture, out var max) ? max : null,
            int.Parse(query["X-Amz-Expires"].ToString(), CultureInfo.InvariantCulture)));

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var stopping = context.RequestAborted;
        if (Refusal is { } refusal)
        {
            await webSocket.CloseOutputAsync((WebSocketCloseStatus)refusal.Code, refusal.Reason, stopping);
            await DrainUntilCloseAsync(webSocket, stopping);
            return;
        }

        if (SendTextFrame)
        {
            await webSocket.SendAsync(Encoding.UTF8.GetBytes("not a tunnel frame"), WebSocketMessageType.Text, true, stopping);
            await DrainUntilCloseAsync(webSocket, stopping);
            return;
        }

        var now = Interlocked.Increment(ref _active);
        InterlockedMax(ref _peak, now);
        try
        {
            await BridgeAsync(webSocket, stopping);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private async Task BridgeAsync(WebSocket webSocket, CancellationToken stopping)
    {
        using var target = new TcpClient();
        await target.ConnectAsync(Target, stopping);
        var stream = target.GetStream();

        var fromTarget = Task.Run(
            async () =>
            {
                // Bigger than the client's frames on purpose: the client must cope with any frame size.
                var buffer = new byte[128 * 1024];
                try
                {
                    while (true)
                    {
                        var read = await stream.ReadAsync(buffer, stopping);
                        if (read == 0)
                        {
                            break;
                        }

                        await webSocket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, true, stopping);
                    }

                    if (webSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stopping);
                    }
                }
                catch (Exception ex) when (ex is IOException or WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client or the target went away.
                }
            },
            stopping);

        var receive = new byte[64 * 1024];
        var messageBytes = 0;
        try
        {
            while (true)
            {
                var result = await webSocket.ReceiveAsync(receive.AsMemory(), stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _clientCloses.Enqueue(((int?)webSocket.CloseStatus, webSocket.CloseStatusDescription));
                    target.Client.Shutdown(SocketShutdown.Send);
                    break;
                }

                messageBytes += result.Count;
                if (result.EndOfMessage)
                {
                    InterlockedMax(ref _largestFrameReceived, messageBytes);
                    messageBytes = 0;
                }

                await stream.WriteAsync(receive.AsMemory(0, result.Count), stopping);
            }
        }
        catch (Exception ex) when (ex is IOException or WebSocketException or OperationCanceledException or SocketException)
        {
            // The client vanished: drop the target connection too.
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bounded.CancelAfter(TimeSpan.FromSeconds(10));
        await fromTarget.WaitAsync(bounded.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task DrainUntilCloseAsync(WebSocket webSocket, CancellationToken stopping)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bounded.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        try
        {
            while (webSocket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await webSocket.ReceiveAsync(buffer.AsMemory(), bounded.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _clientCloses.Enqueue(((int?)webSocket.CloseStatus, webSocket.CloseStatusDescription));
                    if (webSocket.State == WebSocketState.CloseReceived)
                    {
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", bounded.Token);
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client dropped the socket without a close frame.
        }
    }

    // The endpoint's refused handshake carries the short texts below (tests pin them); other
    // refusals keep the verifier's own explanation.
    private static string RejectionText(SigV4Verdict verdict) => verdict.Failure switch
    {
        SigV4Failure.SignatureMismatch => "The request signature we calculated does not match the signature you provided",
        SigV4Failure.Expired => "Request has expired",
        _ => verdict.Message,
    };

    private static void InterlockedMax(ref int field, int value)
    {
        var seen = Volatile.Read(ref field);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref field, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
