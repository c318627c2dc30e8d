namespace Molecule.Aws.Tunnel;

/// <summary>Why a tunnel could not open or a tunnel connection was cut.</summary>
public enum EicTunnelFailure
{
    /// <summary>No Instance Connect endpoint serves the instance's subnet or VPC.</summary>
    EndpointNotFound,

    /// <summary>The endpoint answered the WebSocket handshake with an HTTP error (signature, IAM, clock).</summary>
    HandshakeRejected,

    /// <summary>The endpoint could not be reached or the handshake did not finish in time.</summary>
    Unreachable,

    /// <summary>The endpoint closed the WebSocket with a code other than 1000; its reason is kept.</summary>
    ClosedByEndpoint,

    /// <summary>The endpoint sent a text frame, which the tunnel protocol does not allow.</summary>
    InvalidData,

    /// <summary>The endpoint's concurrent-connection limit (20) is already used by this host.</summary>
    ConnectionLimitReached,

    /// <summary>The connection lived for the maximum tunnel duration and was closed.</summary>
    MaxDurationReached,

    /// <summary>The WebSocket broke without a close frame.</summary>
    ConnectionLost,
}
