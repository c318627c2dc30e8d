using System.Collections.Concurrent;
using System.Reflection;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Molecule.Testing.Aws.Tunnel;

/// <summary>
/// An <see cref="IAmazonEC2"/> that answers only DescribeInstanceConnectEndpoints, applying the
/// request's filters to <see cref="Endpoints"/> as EC2 would (SDK v4: an empty answer is a null
/// list). Built with <see cref="DispatchProxy"/> because the interface has hundreds of members and
/// the tunnel calls one; any other call fails loudly.
/// </summary>
public class TunnelFakeEc2 : DispatchProxy
{
    private readonly ConcurrentQueue<DescribeInstanceConnectEndpointsRequest> _requests = new();

    public List<Ec2InstanceConnectEndpoint> Endpoints { get; } = [];

    public IReadOnlyCollection<DescribeInstanceConnectEndpointsRequest> Requests => _requests;

    public static (IAmazonEC2 Client, TunnelFakeEc2 Fake) Create(params Ec2InstanceConnectEndpoint[] endpoints)
    {
        var client = Create<IAmazonEC2, TunnelFakeEc2>();
        var fake = (TunnelFakeEc2)(object)client;
        fake.Endpoints.AddRange(endpoints);
        return (client, fake);
    }

    /// <summary>An endpoint in the usable state with a DNS name derived from its id.</summary>
    public static Ec2InstanceConnectEndpoint Endpoint(string id, string vpcId, string subnetId, string state = "create-complete") => new()
    {
        InstanceConnectEndpointId = id,
        VpcId = vpcId,
        SubnetId = subnetId,
        State = new Ec2InstanceConnectEndpointState(state),
        DnsName = $"{id}.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com",
    };

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            return null;
        }

        if (targetMethod.Name == nameof(IAmazonEC2.DescribeInstanceConnectEndpointsAsync)
            && args is [DescribeInstanceConnectEndpointsRequest request, ..])
        {
            _requests.Enqueue(request);
            return Task.FromResult(Describe(request));
        }

        throw new NotSupportedException($"{targetMethod.Name} is not part of the tunnel's EC2 fake");
    }

    private DescribeInstanceConnectEndpointsResponse Describe(DescribeInstanceConnectEndpointsRequest request)
    {
        IEnumerable<Ec2InstanceConnectEndpoint> matches = Endpoints;
        if (request.InstanceConnectEndpointIds is { Count: > 0 } ids)
        {
            matches = matches.Where(e => ids.Contains(e.InstanceConnectEndpointId));
        }

        foreach (var filter in request.Filters ?? [])
        {
            Func<Ec2InstanceConnectEndpoint, string?> field = filter.Name switch
            {
                "state" => e => e.State?.Value,
                "vpc-id" => e => e.VpcId,
                "subnet-id" => e => e.SubnetId,
                "instance-connect-endpoint-id" => e => e.InstanceConnectEndpointId,
                _ => throw new NotSupportedException($"filter {filter.Name} is not modelled"),
            };
            var values = filter.Values ?? [];
            matches = matches.Where(e => values.Contains(field(e) ?? ""));
        }

        var list = matches.ToList();
        return new DescribeInstanceConnectEndpointsResponse { InstanceConnectEndpoints = list.Count == 0 ? null : list };
    }
}
