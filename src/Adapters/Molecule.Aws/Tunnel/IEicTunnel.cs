using System.Net;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// A listening tunnel. Point a TCP client (SSH.NET) at <see cref="LocalEndPoint"/>. Disposing stops
/// the listener and closes every connection it bridged.
/// </summary>
public interface IEicTunnel : IAsyncDisposable
{
    /// <summary>127.0.0.1 and the free port the tunnel listens on.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>The Instance Connect endpoint the connections go through.</summary>
    string EndpointId { get; }

    EicTunnelTarget Target { get; }

    /// <summary>
    /// The last connection failure (refused, text frame, limit reached, maximum duration …), kept so
    /// a caller whose TCP connection just closed can say why. Null while nothing failed.
    /// </summary>
    EicTunnelException? LastFailure { get; }

    /// <summary>Raised when a bridged connection ends, however it ended.</summary>
    event EventHandler<EicTunnelConnectionClosedEventArgs>? ConnectionClosed;
}
