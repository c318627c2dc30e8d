using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// A loopback listener whose connections each become one tunnel connection (the CLI's
/// <c>--local-port</c> mode). Connections beyond the endpoint's limit are closed at once and the
/// reason is kept in <see cref="LastFailure"/>, so the caller reports it instead of waiting.
/// </summary>
internal sealed class EicTunnel : IEicTunnel
{
    private readonly TcpListener _listener;
    private readonly EicEndpoint _endpoint;
    private readonly EicTunnelUrlSigner _signer;
    private readonly EicConnectionPool _pool;
    private readonly EicTunnelOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _connections = [];
    private readonly Task _acceptLoop;
    private long _connectionCount;
    private EicTunnelException? _lastFailure;
    private int _disposed;

    public EicTunnel(
        EicTunnelTarget target,
        EicEndpoint endpoint,
        EicTunnelUrlSigner signer,
        EicConnectionPool pool,
        EicTunnelOptions options,
        TimeProvider clock,
        ILogger logger)
    {
        Target = target;
        _endpoint = endpoint;
        _signer = signer;
        _pool = pool;
        _options = options;
        _clock = clock;
        _logger = logger;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        EicTunnelLog.Listening(logger, target.InstanceId, LocalEndPoint.ToString(), endpoint.Id);
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint LocalEndPoint { get; }

    public string EndpointId => _endpoint.Id;

    public EicTunnelTarget Target { get; }

    public EicTunnelException? LastFailure => Volatile.Read(ref _lastFailure);

    public event EventHandler<EicTunnelConnectionClosedEventArgs>? ConnectionClosed;

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                client.NoDelay = true;
                var number = Interlocked.Increment(ref _connectionCount);
                Track(ServeAsync(number, client));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                EicTunnelLog.AcceptFailed(_logger, Target.InstanceId, ex);
            }
        }
    }

    private async Task ServeAsync(long number, TcpClient client)
    {
        // Off the accept loop: the handshake of one connection must not delay the next accept.
        await Task.Yield();
        var lease = _pool.TryAcquire(_endpoint.Id);
        if (lease is null)
        {
            RefuseOverLimit(client);
            Report(number, new EicTunnelException(
                EicTunnelFailure.ConnectionLimitReached,
                $"EC2 Instance Connect endpoint {_endpoint.Id} already carries {_pool.Limit} tunnel connections from this server, "
                    + $"its limit; connection to {Target.InstanceId} refused, retry when one closes"));
            return;
        }

        using (lease)
        {
            EicTunnelException? failure;
            try
            {
                var connection = new EicTunnelConnection(number, client, _endpoint, Target, _signer, _options, _clock, _logger);
                failure = await connection.RunAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failure = new EicTunnelException(EicTunnelFailure.ConnectionLost, $"the EC2 Instance Connect tunnel to {Target.InstanceId} failed: {ex.Message}", ex);
                client.Dispose();
            }

            Report(number, failure);
        }
    }

    private static void RefuseOverLimit(TcpClient client)
    {
        try
        {
            // A reset, not a FIN: the local client fails at once rather than reading an empty stream.
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        client.Dispose();
    }

    private void Report(long number, EicTunnelException? failure)
    {
        if (failure is null)
        {
            EicTunnelLog.ConnectionClosed(_logger, number, Target.InstanceId);
        }
        else
        {
            Volatile.Write(ref _lastFailure, failure);
            EicTunnelLog.ConnectionFailed(_logger, number, Target.InstanceId, failure.Failure, failure.Message);
        }

        ConnectionClosed?.Invoke(this, new EicTunnelConnectionClosedEventArgs(number, failure));
    }

    private void Track(Task connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }

        connection.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _connections.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] running;
        lock (_gate)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running);
        _listener.Dispose();
        _stopping.Dispose();
    }
}
