using System.Net.Sockets;

namespace Molecule.Docker.Transport;

/// <summary>
/// The HTTP plumbing to one engine: a pooled invoker for ordinary calls, and a fresh single-use
/// invoker per hijacked exec so the socket under it is known for certain.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    /// <summary>The engine ignores the Host header, but HTTP/1.1 needs one.</summary>
    public static readonly Uri BaseAddress = new("http://docker/");

    private readonly Func<HijackedSocket, HttpMessageHandler> _hijackHandlerFactory;

    public DockerTransport(string endpoint, HttpMessageHandler pooledHandler, Func<HijackedSocket, HttpMessageHandler> hijackHandlerFactory)
    {
        Endpoint = endpoint;
        Pooled = new HttpMessageInvoker(pooledHandler, disposeHandler: true);
        _hijackHandlerFactory = hijackHandlerFactory;
    }

    /// <summary>The DOCKER_HOST value, for error messages.</summary>
    public string Endpoint { get; }

    public HttpMessageInvoker Pooled { get; }

    public static DockerTransport ForUnixSocket(DockerEndpoint endpoint) =>
        new(endpoint.Host, CreateUnixSocketHandler(endpoint.SocketPath, onConnected: null), socket =>
            CreateUnixSocketHandler(endpoint.SocketPath, connected => socket.Socket = connected, singleUse: true));

    public HttpMessageInvoker CreateHijackInvoker(HijackedSocket socket) =>
        new(_hijackHandlerFactory(socket), disposeHandler: true);

    public void Dispose() => Pooled.Dispose();

    private static SocketsHttpHandler CreateUnixSocketHandler(string socketPath, Action<Socket>? onConnected, bool singleUse = false)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    throw new IOException(DescribeConnectFailure(socketPath, e), e);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                onConnected?.Invoke(socket);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        if (singleUse)
        {
            handler.MaxConnectionsPerServer = 1;
            handler.PooledConnectionLifetime = TimeSpan.Zero;
        }

        return handler;
    }

    /// <summary>The OS text for a missing socket file is "Cannot assign requested address": say what it means.</summary>
    private static string DescribeConnectFailure(string socketPath, SocketException e) => e.SocketErrorCode switch
    {
        _ when !File.Exists(socketPath) => $"no socket at {socketPath}",
        SocketError.ConnectionRefused => $"nothing accepts connections on {socketPath} (connection refused)",
        SocketError.AccessDenied => $"no permission to open {socketPath}",
        _ => $"{e.Message} ({socketPath})",
    };
}
