using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// Finds the Instance Connect endpoint for an instance the way <c>aws ec2-instance-connect
/// open-tunnel</c> does: usable endpoints of the instance's VPC, the one in its subnet first.
/// Answers are cached briefly because every file call opens a tunnel.
/// </summary>
internal sealed class EicEndpointLocator(IAmazonEC2 ec2, IOptions<EicTunnelOptions> options, TimeProvider clock)
{
    // States in which an endpoint carries traffic (the CLI's filter).
    private static readonly List<string> UsableStates = ["create-complete", "update-in-progress", "update-failed", "update-complete"];

    // A VPC has a handful of endpoints at most; the bound only stops a misbehaving paginator.
    private const int MaxPages = 20;

    private readonly EicTunnelOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, (EicEndpoint Endpoint, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async Task<EicEndpoint> LocateAsync(EicTunnelTarget target, CancellationToken cancellationToken)
    {
        var key = $"{_options.EndpointId}|{target.VpcId}|{target.SubnetId}";
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > clock.GetUtcNow())
        {
            return cached.Endpoint;
        }

        var endpoints = await DescribeAsync(target, cancellationToken);
        var chosen = Choose(endpoints, target)
            ?? throw new EicTunnelException(EicTunnelFailure.EndpointNotFound, NotFoundMessage(target));

        if (_options.EndpointCacheSeconds > 0)
        {
            _cache[key] = (chosen, clock.GetUtcNow() + _options.EndpointCacheDuration);
        }

        return chosen;
    }

    private async Task<List<Ec2InstanceConnectEndpoint>> DescribeAsync(EicTunnelTarget target, CancellationToken cancellationToken)
    {
        var found = new List<Ec2InstanceConnectEndpoint>();
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var request = new DescribeInstanceConnectEndpointsRequest
            {
                Filters = [new Filter("state", UsableStates)],
                NextToken = nextToken,
            };
            if (!string.IsNullOrEmpty(_options.EndpointId))
            {
                request.InstanceConnectEndpointIds = [_options.EndpointId];
            }
            else if (!string.IsNullOrEmpty(target.VpcId))
            {
                request.Filters.Add(new Filter("vpc-id", [target.VpcId]));
            }
            else if (!string.IsNullOrEmpty(target.SubnetId))
            {
                request.Filters.Add(new Filter("subnet-id", [target.SubnetId]));
            }
            else
            {
                throw new EicTunnelException(
                    EicTunnelFailure.EndpointNotFound,
                    $"instance {target.InstanceId} has neither a VPC nor a subnet, so no EC2 Instance Connect endpoint can be chosen");
            }

            var response = await ec2.DescribeInstanceConnectEndpointsAsync(request, cancellationToken);
            // SDK v4 leaves absent lists null.
            found.AddRange(response.InstanceConnectEndpoints ?? []);
            nextToken = response.NextToken;
            if (string.IsNullOrEmpty(nextToken))
            {
                break;
            }
        }

        return found;
    }

    private EicEndpoint? Choose(List<Ec2InstanceConnectEndpoint> endpoints, EicTunnelTarget target)
    {
        var withDns = endpoints.Where(e => !string.IsNullOrEmpty(e.InstanceConnectEndpointId) && !string.IsNullOrEmpty(e.DnsName)).ToList();
        var chosen = !string.IsNullOrEmpty(_options.EndpointId)
            ? withDns.FirstOrDefault()
            : withDns.FirstOrDefault(e => target.SubnetId is not null && string.Equals(e.SubnetId, target.SubnetId, StringComparison.Ordinal))
              ?? withDns.FirstOrDefault(e => target.VpcId is not null && string.Equals(e.VpcId, target.VpcId, StringComparison.Ordinal));
        return chosen is null ? null : new EicEndpoint(chosen.InstanceConnectEndpointId, chosen.DnsName, chosen.VpcId, chosen.SubnetId);
    }

    private string NotFoundMessage(EicTunnelTarget target) =>
        !string.IsNullOrEmpty(_options.EndpointId)
            ? $"EC2 Instance Connect endpoint {_options.EndpointId} (EIC_ENDPOINT_ID) does not exist or is not in a usable state"
            : $"no EC2 Instance Connect endpoint in vpc {target.VpcId ?? "(unknown)"} / subnet {target.SubnetId ?? "(unknown)"} for instance {target.InstanceId}; create one in that VPC or set EIC_ENDPOINT_ID";
}
