using System.Net;
using System.Net.Sockets;

namespace Molecule.Testing.Aws.Tunnel;

/// <summary>
/// A loopback TCP server that sends back every byte it receives and closes its side after the
/// client's EOF: the stand-in for an instance's sshd in tunnel tests.
/// </summary>
public sealed class TunnelEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    public TunnelEchoServer()
    {
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                Interlocked.Increment(ref _accepted);
                lock (_connections)
                {
                    _connections.Add(EchoAsync(client));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await stream.CopyToAsync(stream, _stopping.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The peer went away or the server stops.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running);
        _listener.Dispose();
        _stopping.Dispose();
    }
}
