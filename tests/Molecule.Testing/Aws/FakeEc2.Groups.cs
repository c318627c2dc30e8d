using System.Globalization;
using System.Xml.Linq;

namespace Molecule.Testing.Aws;

public sealed partial class FakeEc2
{
    private readonly List<StoredGroup> _groups = [];
    private readonly List<FakeInstanceConnectEndpoint> _endpoints = [];
    private readonly Dictionary<string, Dictionary<string, string>> _endpointTags = new(StringComparer.Ordinal);

    public IReadOnlyList<FakeSecurityGroup> SecurityGroups
    {
        get
        {
            lock (_sync)
            {
                return [.. _groups.Select(g => g.Snapshot())];
            }
        }
    }

    public FakeSecurityGroup? SecurityGroup(string groupId)
    {
        lock (_sync)
        {
            return FindGroup(groupId)?.Snapshot();
        }
    }

    /// <summary>
    /// Registers an Instance Connect endpoint (state <c>create-complete</c>) in the default VPC and
    /// subnet unless given. <paramref name="dnsName"/> is what the tunnel connects to: a tunnel fake
    /// passes its own <c>127.0.0.1:port</c> here.
    /// </summary>
    public FakeInstanceConnectEndpoint AddInstanceConnectEndpoint(
        string? dnsName = null, string? subnetId = null, string? vpcId = null, string? securityGroupId = null)
    {
        lock (_sync)
        {
            var id = NewId("eice-");
            var endpoint = new FakeInstanceConnectEndpoint(
                id, vpcId ?? DefaultVpcId, subnetId ?? DefaultSubnetId,
                dnsName ?? $"{id}.{AccountId[..8]}.ec2-instance-connect-endpoint.{Region}.amazonaws.com",
                securityGroupId is null ? [] : [securityGroupId], "create-complete");
            _endpoints.Add(endpoint);
            _endpointTags[id] = new(StringComparer.Ordinal);
            return endpoint;
        }
    }

    /// <summary>Removes an Instance Connect endpoint, so DescribeInstanceConnectEndpoints no longer lists it.</summary>
    public void RemoveInstanceConnectEndpoint(string endpointId)
    {
        lock (_sync)
        {
            _endpoints.RemoveAll(e => e.EndpointId == endpointId);
        }
    }

    private StoredGroup? FindGroup(string groupId) => _groups.FirstOrDefault(g => g.GroupId == groupId);

    private XElement[] CreateSecurityGroup(Ec2QueryParameters p)
    {
        var name = p.Required("GroupName");
        var description = p.Required("GroupDescription");
        var vpcId = p.Get("VpcId") ?? DefaultVpcId;
        if (description.Length > 255 || name.Length > 255)
        {
            throw Error("InvalidParameterValue", "GroupName and GroupDescription must be at most 255 characters");
        }

        if (name.StartsWith("sg-", StringComparison.Ordinal))
        {
            throw Error("InvalidParameterValue", "Group names may not be in the format sg-*");
        }

        if (_groups.Any(g => g.VpcId == vpcId && g.GroupName == name))
        {
            throw Error("InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpcId}'");
        }

        var group = new StoredGroup(NewId("sg-"), name, description, vpcId);
        foreach (var (key, value) in TagsFor(p, "security-group"))
        {
            group.Tags[key] = value;
        }

        _groups.Add(group);
        return
        [
            El("return", "true"),
            El("groupId", group.GroupId),
            TagSet(group.Tags),
            El("securityGroupArn", $"arn:aws:ec2:{Region}:{AccountId}:security-group/{group.GroupId}"),
        ];
    }

    private XElement[] AuthorizeSecurityGroupIngress(Ec2QueryParameters p)
    {
        var group = GroupFrom(p);
        var added = new List<FakeIngressRule>();
        foreach (var permission in p.Structs("IpPermissions"))
        {
            var protocol = permission.Required("IpProtocol");
            var from = permission.GetInt("FromPort");
            var to = permission.GetInt("ToPort");
            var sources = permission.Structs("Groups")
                .Select(s => (Group: (string?)s.Required("GroupId"), Cidr: (string?)null, Description: s.Get("Description")))
                .Concat(permission.Structs("IpRanges").Select(r => (Group: (string?)null, Cidr: (string?)r.Required("CidrIp"), Description: r.Get("Description"))))
                .ToList();
            if (sources.Count == 0)
            {
                throw Error("MissingParameter", "The request must contain a source: IpRanges, Groups, Ipv6Ranges or PrefixListIds");
            }

            foreach (var source in sources)
            {
                if (source.Group is not null && FindGroup(source.Group) is null)
                {
                    throw Error("InvalidGroup.NotFound", $"The security group '{source.Group}' does not exist");
                }

                if (group.Ingress.Concat(added).Any(r => r.Protocol == protocol && r.FromPort == from && r.ToPort == to
                    && r.SourceGroupId == source.Group && r.CidrIp == source.Cidr))
                {
                    throw Error("InvalidPermission.Duplicate",
                        $"the specified rule \"peer: {source.Group ?? source.Cidr}, {protocol.ToUpperInvariant()}, from port: {from}, to port: {to}, ALLOW\" already exists");
                }

                added.Add(new FakeIngressRule(NewId("sgr-"), protocol, from, to, source.Group, source.Cidr, source.Description));
            }
        }

        if (added.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter IpPermissions");
        }

        group.Ingress.AddRange(added);
        return
        [
            El("return", "true"),
            Set("securityGroupRuleSet", added.Select(r => Item(
                El("securityGroupRuleId", r.RuleId),
                El("groupId", group.GroupId),
                El("groupOwnerId", AccountId),
                El("isEgress", "false"),
                El("ipProtocol", r.Protocol),
                r.FromPort is null ? null : El("fromPort", r.FromPort.Value.ToString(CultureInfo.InvariantCulture)),
                r.ToPort is null ? null : El("toPort", r.ToPort.Value.ToString(CultureInfo.InvariantCulture)),
                r.CidrIp is null ? null : El("cidrIpv4", r.CidrIp),
                r.SourceGroupId is null ? null : El("referencedGroupInfo", El("groupId", r.SourceGroupId), El("userId", AccountId)),
                r.Description is null ? null : El("description", r.Description)))),
        ];
    }

    private XElement[] DeleteSecurityGroup(Ec2QueryParameters p)
    {
        var group = GroupFrom(p);
        var users = Visible().Where(i => i.State != "terminated" && i.SecurityGroupIds.Contains(group.GroupId)).Select(i => i.InstanceId).ToList();
        if (users.Count > 0)
        {
            throw Error("DependencyViolation", $"resource {group.GroupId} has a dependent object");
        }

        if (_groups.Any(g => g.Ingress.Any(r => r.SourceGroupId == group.GroupId) && g != group))
        {
            throw Error("DependencyViolation", $"resource {group.GroupId} has a dependent object");
        }

        _groups.Remove(group);
        return [El("return", "true"), El("groupId", group.GroupId)];
    }

    private XElement[] DescribeSecurityGroups(Ec2QueryParameters p)
    {
        var ids = p.List("GroupId");
        var names = p.List("GroupName");
        var missing = ids.Where(id => FindGroup(id) is null).ToList();
        if (missing.Count > 0)
        {
            throw Error("InvalidGroup.NotFound", $"The security group '{string.Join(", ", missing)}' does not exist");
        }

        var filters = p.Filters();
        var matching = _groups.Where(g => (ids.Count == 0 || ids.Contains(g.GroupId)) && (names.Count == 0 || names.Contains(g.GroupName))
            && filters.All(f => GroupMatches(g, f.Name, f.Values))).ToList();
        var (page, nextToken) = Page(matching, p.Get("NextToken"), p.GetInt("MaxResults"));
        var info = Set("securityGroupInfo", page.Select(g => Item(
            El("ownerId", AccountId),
            El("groupId", g.GroupId),
            El("groupName", g.GroupName),
            El("groupDescription", g.Description),
            El("vpcId", g.VpcId),
            Set("ipPermissions", g.Ingress.Select(r => Item(
                El("ipProtocol", r.Protocol),
                r.FromPort is null ? null : El("fromPort", r.FromPort.Value.ToString(CultureInfo.InvariantCulture)),
                r.ToPort is null ? null : El("toPort", r.ToPort.Value.ToString(CultureInfo.InvariantCulture)),
                Set("groups", r.SourceGroupId is null ? [] : [Item(El("userId", AccountId), El("groupId", r.SourceGroupId))]),
                Set("ipRanges", r.CidrIp is null ? [] : [Item(El("cidrIp", r.CidrIp))]),
                Set("ipv6Ranges", []),
                Set("prefixListIds", [])))),
            Set("ipPermissionsEgress", [Item(El("ipProtocol", "-1"), Set("groups", []), Set("ipRanges", [Item(El("cidrIp", "0.0.0.0/0"))]),
                Set("ipv6Ranges", []), Set("prefixListIds", []))]),
            TagSet(g.Tags),
            El("securityGroupArn", $"arn:aws:ec2:{Region}:{AccountId}:security-group/{g.GroupId}"))));
        return nextToken is null ? [info] : [info, El("nextToken", nextToken)];
    }

    private static bool GroupMatches(StoredGroup group, string name, List<string> values)
    {
        if (name.StartsWith("tag:", StringComparison.Ordinal))
        {
            return FilterMatches(group.Tags.GetValueOrDefault(name[4..]), values);
        }

        return name switch
        {
            "group-id" => FilterMatches(group.GroupId, values),
            "group-name" => FilterMatches(group.GroupName, values),
            "vpc-id" => FilterMatches(group.VpcId, values),
            "description" => FilterMatches(group.Description, values),
            "tag-key" => group.Tags.Keys.Any(k => FilterMatches(k, values)),
            _ => throw Error("InvalidParameterValue", $"The filter '{name}' is invalid"),
        };
    }

    private StoredGroup GroupFrom(Ec2QueryParameters p)
    {
        if (p.Get("GroupId") is { } id)
        {
            return FindGroup(id) ?? throw Error("InvalidGroup.NotFound", $"The security group '{id}' does not exist");
        }

        var name = p.Get("GroupName") ?? throw Error("MissingParameter", "The request must contain the parameter GroupId or GroupName");
        return _groups.FirstOrDefault(g => g.GroupName == name && g.VpcId == DefaultVpcId)
            ?? throw Error("InvalidGroup.NotFound", $"The security group '{name}' does not exist in default VPC '{DefaultVpcId}'");
    }

    private XElement[] CreateTags(Ec2QueryParameters p)
    {
        var resources = p.List("ResourceId");
        if (resources.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter ResourceId");
        }

        var tags = p.Structs("Tag").Select(t => (Key: t.Required("Key"), Value: t.Get("Value") ?? "")).ToList();
        var targets = resources.Select(id => id switch
        {
            _ when id.StartsWith("i-", StringComparison.Ordinal) =>
                (Find(id) ?? throw Error("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist")).Tags,
            _ when id.StartsWith("sg-", StringComparison.Ordinal) =>
                (FindGroup(id) ?? throw Error("InvalidGroup.NotFound", $"The security group '{id}' does not exist")).Tags,
            _ when _endpointTags.TryGetValue(id, out var endpointTags) => endpointTags,
            _ => throw Error("InvalidID", $"The ID '{id}' is not valid"),
        }).ToList();
        foreach (var target in targets)
        {
            foreach (var (key, value) in tags)
            {
                target[key] = value;
            }
        }

        return [El("return", "true")];
    }

    private XElement[] DescribeInstanceConnectEndpoints(Ec2QueryParameters p)
    {
        var ids = p.List("InstanceConnectEndpointId");
        var missing = ids.Where(id => _endpoints.All(e => e.EndpointId != id)).ToList();
        if (missing.Count > 0)
        {
            throw Error("InvalidInstanceConnectEndpointId.NotFound", $"The instance connect endpoint ID '{string.Join(", ", missing)}' does not exist");
        }

        var filters = p.Filters();
        var matching = _endpoints.Where(e => (ids.Count == 0 || ids.Contains(e.EndpointId)) && filters.All(f => f.Name switch
        {
            "state" => FilterMatches(e.State, f.Values),
            "vpc-id" => FilterMatches(e.VpcId, f.Values),
            "subnet-id" => FilterMatches(e.SubnetId, f.Values),
            "instance-connect-endpoint-id" => FilterMatches(e.EndpointId, f.Values),
            var tag when tag.StartsWith("tag:", StringComparison.Ordinal) => FilterMatches(_endpointTags[e.EndpointId].GetValueOrDefault(tag[4..]), f.Values),
            _ => throw Error("InvalidParameterValue", $"The filter '{f.Name}' is invalid"),
        })).ToList();
        var (page, nextToken) = Page(matching, p.Get("NextToken"), p.GetInt("MaxResults"));
        var set = Set("instanceConnectEndpointSet", page.Select(e => Item(
            El("ownerId", AccountId),
            El("instanceConnectEndpointId", e.EndpointId),
            El("instanceConnectEndpointArn", $"arn:aws:ec2:{Region}:{AccountId}:instance-connect-endpoint/{e.EndpointId}"),
            El("state", e.State),
            El("stateMessage", ""),
            El("dnsName", e.DnsName),
            El("fipsDnsName", "fips." + e.DnsName),
            Set("networkInterfaceIdSet", [Item("eni-" + e.EndpointId[5..])]),
            El("vpcId", e.VpcId),
            El("availabilityZone", AvailabilityZone),
            El("createdAt", IsoTime(_time.GetUtcNow())),
            El("subnetId", e.SubnetId),
            El("preserveClientIp", "false"),
            Set("securityGroupIdSet", e.SecurityGroupIds.Select(g => Item(g))),
            TagSet(_endpointTags[e.EndpointId]))));
        return nextToken is null ? [set] : [set, El("nextToken", nextToken)];
    }

    private sealed class StoredGroup(string groupId, string groupName, string description, string vpcId)
    {
        public string GroupId { get; } = groupId;

        public string GroupName { get; } = groupName;

        public string Description { get; } = description;

        public string VpcId { get; } = vpcId;

        public List<FakeIngressRule> Ingress { get; } = [];

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public FakeSecurityGroup Snapshot() => new(GroupId, GroupName, Description, VpcId, [.. Ingress], new Dictionary<string, string>(Tags));
    }
}
