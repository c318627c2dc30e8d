namespace Molecule.Testing.Aws;

/// <summary>A snapshot of one fake instance, as RunInstances recorded it and as it is now.</summary>
public sealed record FakeEc2Instance(
    string InstanceId,
    string ReservationId,
    string ImageId,
    string InstanceType,
    string State,
    string SubnetId,
    string VpcId,
    string PrivateIpAddress,
    string AvailabilityZone,
    IReadOnlyList<string> SecurityGroupIds,
    string? IamInstanceProfile,
    string? KeyName,
    string? UserData,
    IReadOnlyList<FakeBlockDevice> BlockDevices,
    IReadOnlyDictionary<string, string> Tags,
    string? ClientToken,
    DateTimeOffset LaunchTime);

/// <summary>One <c>BlockDeviceMapping.N</c> of a RunInstances call.</summary>
public sealed record FakeBlockDevice(string DeviceName, int? VolumeSizeGiB, string? VolumeType, bool? DeleteOnTermination, bool? Encrypted);

public sealed record FakeSecurityGroup(
    string GroupId, string GroupName, string Description, string VpcId, IReadOnlyList<FakeIngressRule> Ingress, IReadOnlyDictionary<string, string> Tags);

/// <summary>One ingress permission with one source: another group or a CIDR.</summary>
public sealed record FakeIngressRule(string RuleId, string Protocol, int? FromPort, int? ToPort, string? SourceGroupId, string? CidrIp, string? Description);

/// <summary>An EC2 Instance Connect endpoint DescribeInstanceConnectEndpoints reports.</summary>
public sealed record FakeInstanceConnectEndpoint(
    string EndpointId, string VpcId, string SubnetId, string DnsName, IReadOnlyList<string> SecurityGroupIds, string State);
