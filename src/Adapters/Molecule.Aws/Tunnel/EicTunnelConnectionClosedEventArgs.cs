namespace Molecule.Aws.Tunnel;

/// <summary>How one bridged connection ended.</summary>
public sealed class EicTunnelConnectionClosedEventArgs(long connectionNumber, EicTunnelException? failure) : EventArgs
{
    /// <summary>1 for the tunnel's first accepted connection, then counting up.</summary>
    public long ConnectionNumber { get; } = connectionNumber;

    /// <summary>Null when either side closed normally; otherwise why the connection was cut.</summary>
    public EicTunnelException? Failure { get; } = failure;
}
