namespace Molecule.Ssh;

/// <summary>What kind of SSH failure happened; only <see cref="ConnectionLost"/> is worth a retry on a new session.</summary>
public enum SshFailureKind
{
    /// <summary>sshd refused the key; the message is SSH.NET's text, e.g. <c>Permission denied (publickey).</c></summary>
    Authentication,

    /// <summary>Nothing listens on the endpoint (for a tunnel: it is not open, or was closed).</summary>
    ConnectionRefused,

    /// <summary>No TCP connection or no SSH answer within the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>The endpoint answered but the SSH handshake failed (e.g. the tunnel closed mid-handshake).</summary>
    Handshake,

    /// <summary>The endpoint could not be reached for another network reason.</summary>
    Unreachable,

    /// <summary>An established session broke (peer closed, tunnel dropped, keep-alive failed).</summary>
    ConnectionLost,

    /// <summary>The session is fine but sshd refused to open a channel (exec, shell or PTY).</summary>
    ChannelRefused,
}
