namespace Molecule.Aws.Tunnel;

/// <summary>
/// Opens EC2 Instance Connect tunnels: a loopback TCP port on this host whose every connection is
/// bridged to the instance's port through the VPC's Instance Connect endpoint, without the AWS CLI.
/// </summary>
public interface IEicTunnelFactory
{
    /// <summary>
    /// Finds the endpoint for <paramref name="target"/> (its subnet first, else its VPC) and starts
    /// listening on a free port of 127.0.0.1. Each accepted connection gets its own WebSocket, signed
    /// right before it connects. Throws <see cref="EicTunnelException"/> when no endpoint serves the
    /// instance; an AWS API failure surfaces as the SDK's <c>AmazonServiceException</c> (code and
    /// request id intact).
    /// </summary>
    Task<IEicTunnel> OpenAsync(EicTunnelTarget target, CancellationToken cancellationToken);
}
