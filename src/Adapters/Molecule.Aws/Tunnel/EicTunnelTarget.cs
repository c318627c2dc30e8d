namespace Molecule.Aws.Tunnel;

/// <summary>
/// The instance a tunnel reaches: what <c>DescribeInstances</c> reports for it. The VPC and subnet
/// pick the Instance Connect endpoint; the private address and port are what the endpoint dials.
/// </summary>
/// <param name="InstanceId">The EC2 instance id (for logs and error texts).</param>
/// <param name="VpcId">The instance's VPC; when null the endpoint must be in <paramref name="SubnetId"/>.</param>
/// <param name="SubnetId">The instance's subnet; an endpoint here is preferred.</param>
/// <param name="PrivateIpAddress">The instance's private IPv4 address, which the endpoint connects to.</param>
/// <param name="RemotePort">22 for SSH; the endpoint allows only 22 and 3389.</param>
public sealed record EicTunnelTarget(
    string InstanceId,
    string? VpcId,
    string? SubnetId,
    string PrivateIpAddress,
    int RemotePort = 22);
