namespace Molecule.Aws.Tunnel;

/// <summary>An Instance Connect endpoint as DescribeInstanceConnectEndpoints reports it.</summary>
internal sealed record EicEndpoint(string Id, string DnsName, string? VpcId, string? SubnetId);
