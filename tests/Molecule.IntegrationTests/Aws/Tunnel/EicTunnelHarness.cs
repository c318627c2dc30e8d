using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws.Tunnel;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.IntegrationTests.Aws.Tunnel;

/// <summary>
/// One tunnel under test: loopback echo server ← fake Instance Connect endpoint ← the real
/// <see cref="IEicTunnelFactory"/> (resolved from DI with the fake EC2) ← local TCP clients.
/// </summary>
internal sealed class EicTunnelHarness : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<EicTunnelConnectionClosedEventArgs> _closed = new();
    private readonly SemaphoreSlim _closedSignal = new(0);
    private readonly List<TcpClient> _clients = [];

    private EicTunnelHarness(TunnelEchoServer echo, EicTunnelEndpointFake endpoint, ServiceProvider services)
    {
        Echo = echo;
        Endpoint = endpoint;
        Services = services;
    }

    public TunnelEchoServer Echo { get; }

    public EicTunnelEndpointFake Endpoint { get; }

    public ServiceProvider Services { get; }

    public IEicTunnel Tunnel { get; private set; } = null!;

    public static async Task<EicTunnelHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        EicPresignCredentials? signWith = null,
        Action<EicTunnelEndpointFake>? arrange = null)
    {
        var echo = new TunnelEchoServer();
        var endpoint = await EicTunnelEndpointFake.StartAsync(echo.EndPoint);
        arrange?.Invoke(endpoint);
        var services = EicTunnelTestKit.Services(EicTunnelTestKit.Ec2WithEndpointInSubnet(), endpoint, settings, signWith: signWith);
        var harness = new EicTunnelHarness(echo, endpoint, services);
        using var bound = new CancellationTokenSource(Bound);
        harness.Tunnel = await services.GetRequiredService<IEicTunnelFactory>().OpenAsync(EicTunnelTestKit.Target, bound.Token);
        harness.Tunnel.ConnectionClosed += (_, args) =>
        {
            harness._closed.Enqueue(args);
            harness._closedSignal.Release();
        };
        return harness;
    }

    public async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        _clients.Add(client);
        using var bound = new CancellationTokenSource(Bound);
        await client.ConnectAsync(Tunnel.LocalEndPoint, bound.Token);
        return client;
    }

    /// <summary>Writes <paramref name="payload"/> while reading the same number of bytes back.</summary>
    public static async Task<byte[]> RoundTripAsync(TcpClient client, byte[] payload)
    {
        using var bound = new CancellationTokenSource(Bound);
        var stream = client.GetStream();
        var write = stream.WriteAsync(payload, bound.Token).AsTask();
        var received = new byte[payload.Length];
        await stream.ReadExactlyAsync(received, bound.Token);
        await write;
        return received;
    }

    /// <summary>Reads until the tunnel closes the local socket; the bytes seen on the way.</summary>
    public static async Task<byte[]> ReadUntilClosedAsync(TcpClient client)
    {
        using var bound = new CancellationTokenSource(Bound);
        var seen = new MemoryStream();
        var buffer = new byte[16 * 1024];
        // The socket, not client.GetStream(): the stream refuses once our sending side is shut down.
        var socket = client.Client;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
                if (read == 0)
                {
                    return seen.ToArray();
                }

                seen.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // A reset is a close too.
            return seen.ToArray();
        }
    }

    /// <summary>
    /// Connects and reads until closed, for a connection the tunnel refuses at once: its reset may
    /// arrive before the connect completes, which is a refusal as well.
    /// </summary>
    public async Task<byte[]> ConnectAndReadUntilClosedAsync()
    {
        TcpClient client;
        try
        {
            client = await ConnectAsync();
        }
        catch (SocketException)
        {
            return [];
        }

        return await ReadUntilClosedAsync(client);
    }

    /// <summary>Polls a condition the fake endpoint reaches on its own schedule (bounded).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; waited < Bound && !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(20);
        }

        condition().ShouldBeTrue(what);
    }

    /// <summary>Waits for the next <paramref name="count"/> connection-closed events.</summary>
    public async Task<List<EicTunnelConnectionClosedEventArgs>> ClosedAsync(int count = 1)
    {
        var seen = new List<EicTunnelConnectionClosedEventArgs>();
        for (var i = 0; i < count; i++)
        {
            (await _closedSignal.WaitAsync(Bound)).ShouldBeTrue("a tunnel connection should have closed");
            _closed.TryDequeue(out var args).ShouldBeTrue();
            seen.Add(args!);
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (Tunnel is not null)
        {
            await Tunnel.DisposeAsync();
        }

        await Services.DisposeAsync();
        await Endpoint.DisposeAsync();
        await Echo.DisposeAsync();
        _closedSignal.Dispose();
    }
}
