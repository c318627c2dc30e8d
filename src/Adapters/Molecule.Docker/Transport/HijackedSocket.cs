using System.Net.Sockets;

namespace Molecule.Docker.Transport;

/// <summary>
/// Holds the socket under a hijacked exec connection. HttpClient hides it once the connection is
/// upgraded, but half-closing stdin needs <c>shutdown(SHUT_WR)</c> on it.
/// </summary>
internal sealed class HijackedSocket
{
    public Socket? Socket { get; set; }

    public void ShutdownSend()
    {
        var socket = Socket ?? throw new InvalidOperationException("this connection has no socket to half-close");
        socket.Shutdown(SocketShutdown.Send);
    }
}
