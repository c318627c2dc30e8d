using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Molecule.Testing.Aws;

public sealed partial class FakeEc2
{
    private readonly List<StoredInstance> _instances = [];
    private readonly Dictionary<string, string> _reservationByClientToken = new(StringComparer.Ordinal);
    private int _launchCount;
    private int _nextAddress = 10;

    private enum InstanceAction
    {
        Start,
        Stop,
        Terminate,
    }

    /// <summary>How many instances RunInstances really launched (an idempotent replay launches none).</summary>
    public int LaunchCount
    {
        get
        {
            lock (_sync)
            {
                return _launchCount;
            }
        }
    }

    /// <summary>The instances DescribeInstances would show now, in launch order.</summary>
    public IReadOnlyList<FakeEc2Instance> Instances
    {
        get
        {
            lock (_sync)
            {
                return [.. Visible().Select(i => i.Snapshot())];
            }
        }
    }

    public FakeEc2Instance? Instance(string instanceId)
    {
        lock (_sync)
        {
            return Find(instanceId)?.Snapshot();
        }
    }

    /// <summary>The instance's state name now (<c>pending</c>, <c>running</c> …), or null when it does not exist.</summary>
    public string? StateOf(string instanceId) => Instance(instanceId)?.State;

    /// <summary>Makes an instance disappear from every answer, as if AWS had lost it (or it was purged).</summary>
    public bool Vanish(string instanceId)
    {
        lock (_sync)
        {
            return _instances.RemoveAll(i => i.InstanceId == instanceId) > 0;
        }
    }

    /// <summary>Freezes the instance in its current state (e.g. a shutdown that never ends) until <see cref="ReleaseTransitions"/>.</summary>
    public void HoldTransitions(string instanceId) => WithInstance(instanceId, i => i.Held = true);

    /// <summary>Lets a held instance move on; its current state restarts its delay from now.</summary>
    public void ReleaseTransitions(string instanceId) => WithInstance(instanceId, i =>
    {
        i.Held = false;
        i.StateSince = _time.GetUtcNow();
    });

    /// <summary>Sets what GetConsoleOutput answers for the instance (sent base64, as AWS does).</summary>
    public void SetConsoleOutput(string instanceId, string text) => WithInstance(instanceId, i => i.ConsoleOutput = text);

    private void WithInstance(string instanceId, Action<StoredInstance> change)
    {
        lock (_sync)
        {
            change(Find(instanceId) ?? throw new InvalidOperationException($"no fake instance {instanceId}"));
        }
    }

    private XElement[] RunInstances(Ec2QueryParameters p, List<FakeEc2Instance> launched)
    {
        var imageId = p.Required("ImageId");
        var minCount = p.GetInt("MinCount") ?? throw Error("MissingParameter", "The request must contain the parameter MinCount");
        var maxCount = p.GetInt("MaxCount") ?? throw Error("MissingParameter", "The request must contain the parameter MaxCount");
        var instanceType = p.Get("InstanceType") ?? "m1.small";
        if (minCount < 1 || maxCount < minCount)
        {
            throw Error("InvalidParameterValue", "MinCount must be at least 1 and no more than MaxCount");
        }

        if (maxCount > 20)
        {
            throw Error("InstanceLimitExceeded", "You have requested more instances (" + maxCount + ") than your current instance limit of 20 allows");
        }

        var clientToken = p.Get("ClientToken");
        if (clientToken is { Length: > 64 })
        {
            throw Error("InvalidParameterValue", "ClientToken must be at most 64 characters");
        }

        if (clientToken is not null && _reservationByClientToken.TryGetValue(clientToken, out var earlier))
        {
            // Same token: AWS answers the original reservation and launches nothing; other parameters are a mismatch.
            var replay = _instances.Where(i => i.ReservationId == earlier).ToList();
            if (replay.Any(i => i.ImageId != imageId || i.InstanceType != instanceType) || replay.Count is var n && (n < minCount || n > maxCount))
            {
                throw Error("IdempotentParameterMismatch", "The client token you have provided is associated with a resource that is already deleted or has different parameters.");
            }

            foreach (var instance in replay)
            {
                Advance(instance);
            }

            return ReservationContent(earlier, replay);
        }

        var groupIds = p.List("SecurityGroupId");
        foreach (var groupId in groupIds)
        {
            _ = FindGroup(groupId) ?? throw Error("InvalidGroup.NotFound", $"The security group '{groupId}' does not exist");
        }

        string? userData = null;
        if (p.Get("UserData") is { } encoded)
        {
            try
            {
                userData = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                throw Error("InvalidParameterValue", "Invalid BASE64 encoding of user data.");
            }
        }

        var profile = p.Sub("IamInstanceProfile");
        var blockDevices = p.Structs("BlockDeviceMapping").Select(b => new FakeBlockDevice(
            b.Required("DeviceName"), b.GetInt("Ebs.VolumeSize"), b.Get("Ebs.VolumeType"), b.GetBool("Ebs.DeleteOnTermination"), b.GetBool("Ebs.Encrypted"))).ToList();
        var tags = TagsFor(p, "instance");
        var vpcId = groupIds.Select(FindGroup).FirstOrDefault()?.VpcId ?? DefaultVpcId;
        var reservationId = NewId("r-");
        var now = _time.GetUtcNow();
        var batch = new List<StoredInstance>();
        for (var index = 0; index < maxCount; index++)
        {
            var instance = new StoredInstance
            {
                InstanceId = NewId("i-"),
                ReservationId = reservationId,
                ImageId = imageId,
                InstanceType = instanceType,
                SubnetId = p.Get("SubnetId") ?? DefaultSubnetId,
                VpcId = vpcId,
                PrivateIpAddress = $"10.0.1.{_nextAddress++ % 250 + 4}",
                AvailabilityZone = p.Get("Placement.AvailabilityZone") ?? AvailabilityZone,
                SecurityGroupIds = groupIds,
                IamInstanceProfile = profile.Get("Name") ?? profile.Get("Arn"),
                KeyName = p.Get("KeyName"),
                UserData = userData,
                BlockDevices = blockDevices,
                ClientToken = clientToken,
                LaunchTime = now,
                State = "pending",
                StateSince = now,
                LaunchIndex = index,
            };
            foreach (var (key, value) in tags)
            {
                instance.Tags[key] = value;
            }

            batch.Add(instance);
        }

        _instances.AddRange(batch);
        _launchCount += batch.Count;
        if (clientToken is not null)
        {
            _reservationByClientToken[clientToken] = reservationId;
        }

        launched.AddRange(batch.Select(i => i.Snapshot()));
        return ReservationContent(reservationId, batch);
    }

    private XElement[] ReservationContent(string reservationId, List<StoredInstance> instances) =>
    [
        El("reservationId", reservationId),
        El("ownerId", AccountId),
        Set("groupSet", []),
        Set("instancesSet", instances.Select(InstanceXml)),
    ];

    private XElement[] DescribeInstances(Ec2QueryParameters p)
    {
        var ids = p.List("InstanceId");
        var maxResults = p.GetInt("MaxResults");
        if (ids.Count > 0 && maxResults is not null)
        {
            throw Error("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        if (maxResults is < 5 or > 1000)
        {
            throw Error("InvalidParameterValue", "Value for parameter maxResults is invalid. Expecting a value greater than 5 and less than 1000.");
        }

        foreach (var id in ids)
        {
            CheckInstanceIdShape(id);
        }

        var visible = Visible().ToList();
        var missing = ids.Where(id => visible.All(i => i.InstanceId != id)).ToList();
        if (missing.Count > 0)
        {
            throw Error("InvalidInstanceID.NotFound", $"The instance IDs '{string.Join(", ", missing)}' do not exist");
        }

        var filters = p.Filters();
        var matching = visible.Where(i => (ids.Count == 0 || ids.Contains(i.InstanceId)) && filters.All(f => InstanceMatches(i, f.Name, f.Values))).ToList();
        var (page, nextToken) = Page(matching, p.Get("NextToken"), maxResults);
        var reservations = page.GroupBy(i => i.ReservationId).Select(g => Item(
            El("reservationId", g.Key),
            El("ownerId", AccountId),
            Set("groupSet", []),
            Set("instancesSet", g.Select(InstanceXml))));
        return nextToken is null
            ? [Set("reservationSet", reservations)]
            : [Set("reservationSet", reservations), El("nextToken", nextToken)];
    }

    private static (List<T> Page, string? NextToken) Page<T>(List<T> all, string? token, int? maxResults)
    {
        var offset = 0;
        if (token is not null)
        {
            try
            {
                offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)).Replace("offset:", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw Error("InvalidParameterValue", $"Invalid value '{token}' for NextToken");
            }
        }

        var size = maxResults ?? int.MaxValue;
        var page = all.Skip(offset).Take(size).ToList();
        var next = offset + page.Count < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset + page.Count}")) : null;
        return (page, next);
    }

    private static bool InstanceMatches(StoredInstance instance, string name, List<string> values)
    {
        if (name.StartsWith("tag:", StringComparison.Ordinal))
        {
            return FilterMatches(instance.Tags.GetValueOrDefault(name[4..]), values);
        }

        return name switch
        {
            "instance-id" => FilterMatches(instance.InstanceId, values),
            "instance-state-name" => FilterMatches(instance.State, values),
            "instance-state-code" => FilterMatches(StateCode(instance.State).ToString(CultureInfo.InvariantCulture), values),
            "tag-key" => instance.Tags.Keys.Any(k => FilterMatches(k, values)),
            "vpc-id" => FilterMatches(instance.VpcId, values),
            "subnet-id" => FilterMatches(instance.SubnetId, values),
            "private-ip-address" => FilterMatches(instance.PrivateIpAddress, values),
            "instance-type" => FilterMatches(instance.InstanceType, values),
            "image-id" => FilterMatches(instance.ImageId, values),
            "client-token" => FilterMatches(instance.ClientToken, values),
            "instance.group-id" => instance.SecurityGroupIds.Any(g => FilterMatches(g, values)),
            _ => throw Error("InvalidParameterValue", $"The filter '{name}' is invalid"),
        };
    }

    private XElement[] ChangeStates(Ec2QueryParameters p, InstanceAction action)
    {
        var ids = p.List("InstanceId");
        if (ids.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter InstanceId");
        }

        var instances = ids.Select(id =>
        {
            CheckInstanceIdShape(id);
            return Find(id) ?? throw Error("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
        }).ToList();

        // All or nothing, as AWS checks every instance before changing any.
        foreach (var instance in instances)
        {
            var allowed = action switch
            {
                InstanceAction.Start => instance.State is "stopped" or "pending" or "running",
                InstanceAction.Stop => instance.State is "pending" or "running" or "stopping" or "stopped",
                _ => true,
            };
            if (!allowed)
            {
                var verb = action == InstanceAction.Start ? "started" : "stopped";
                throw Error("IncorrectInstanceState", $"The instance '{instance.InstanceId}' is not in a state from which it can be {verb}.");
            }
        }

        var now = _time.GetUtcNow();
        var items = new List<XElement>();
        foreach (var instance in instances)
        {
            var previous = instance.State;
            var next = (action, previous) switch
            {
                (InstanceAction.Start, "stopped") => "pending",
                (InstanceAction.Stop, "pending" or "running") => "stopping",
                (InstanceAction.Terminate, not ("shutting-down" or "terminated")) => "shutting-down",
                _ => previous,
            };
            if (next != previous)
            {
                instance.State = next;
                instance.StateSince = now;
            }

            items.Add(Item(El("instanceId", instance.InstanceId), StateXml("currentState", instance.State), StateXml("previousState", previous)));
        }

        return [Set("instancesSet", items)];
    }

    private XElement[] GetConsoleOutput(Ec2QueryParameters p)
    {
        var id = p.Required("InstanceId");
        CheckInstanceIdShape(id);
        var instance = Find(id) ?? throw Error("InvalidInstanceID.NotFound", $"The instance ID '{id}' does not exist");
        var output = instance.ConsoleOutput ?? $"[    0.000000] Linux version 6.1.0-fake (fake EC2 console of {instance.InstanceId})\n";
        return
        [
            El("instanceId", instance.InstanceId),
            El("timestamp", IsoTime(_time.GetUtcNow())),
            El("output", Convert.ToBase64String(Encoding.UTF8.GetBytes(output))),
        ];
    }

    private static void CheckInstanceIdShape(string id)
    {
        if (!id.StartsWith("i-", StringComparison.Ordinal) || id.Length < 10 || !id[2..].All(char.IsAsciiHexDigitLower))
        {
            throw Error("InvalidInstanceID.Malformed", $"Invalid id: \"{id}\"");
        }
    }

    private StoredInstance? Find(string instanceId) => Visible().FirstOrDefault(i => i.InstanceId == instanceId);

    /// <summary>Moves every instance along its timeline, drops long-terminated ones, and yields the rest.</summary>
    private IEnumerable<StoredInstance> Visible()
    {
        foreach (var instance in _instances)
        {
            Advance(instance);
        }

        var now = _time.GetUtcNow();
        _instances.RemoveAll(i => i.State == "terminated" && !i.Held && now - i.StateSince >= TerminatedRetention);
        return _instances;
    }

    private void Advance(StoredInstance instance)
    {
        var now = _time.GetUtcNow();
        for (var step = 0; step < 3 && !instance.Held; step++)
        {
            var (delay, next) = instance.State switch
            {
                "pending" => (BootDelay, "running"),
                "stopping" => (StopDelay, "stopped"),
                "shutting-down" => (TerminateDelay, "terminated"),
                _ => (TimeSpan.Zero, (string?)null),
            };
            if (next is null || now - instance.StateSince < delay)
            {
                return;
            }

            instance.State = next;
            instance.StateSince += delay;
        }
    }

    private static int StateCode(string state) => state switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        "stopped" => 80,
        _ => throw new InvalidOperationException($"unknown instance state {state}"),
    };

    private static XElement StateXml(string element, string state) =>
        El(element, El("code", StateCode(state).ToString(CultureInfo.InvariantCulture)), El("name", state));

    private XElement InstanceXml(StoredInstance i)
    {
        var stopped = i.State is "stopped" or "stopping" or "terminated" or "shutting-down";
        return Item(
            El("instanceId", i.InstanceId),
            El("imageId", i.ImageId),
            StateXml("instanceState", i.State),
            El("privateDnsName", i.State == "terminated" ? "" : $"ip-{i.PrivateIpAddress.Replace('.', '-')}.ec2.internal"),
            El("dnsName", ""),
            El("reason", stopped ? $"User initiated ({IsoTime(i.StateSince)})" : ""),
            i.KeyName is null ? null : El("keyName", i.KeyName),
            El("amiLaunchIndex", i.LaunchIndex.ToString(CultureInfo.InvariantCulture)),
            El("instanceType", i.InstanceType),
            El("launchTime", IsoTime(i.LaunchTime)),
            El("placement", El("availabilityZone", i.AvailabilityZone), El("tenancy", "default")),
            El("monitoring", El("state", "disabled")),
            i.State == "terminated" ? null : El("subnetId", i.SubnetId),
            i.State == "terminated" ? null : El("vpcId", i.VpcId),
            i.State == "terminated" ? null : El("privateIpAddress", i.PrivateIpAddress),
            Set("groupSet", i.SecurityGroupIds.Select(g => Item(El("groupId", g), El("groupName", FindGroup(g)?.GroupName ?? g)))),
            stopped ? El("stateReason", El("code", "Client.UserInitiatedShutdown"), El("message", "Client.UserInitiatedShutdown: User initiated shutdown")) : null,
            El("architecture", "x86_64"),
            El("rootDeviceType", "ebs"),
            El("rootDeviceName", "/dev/sda1"),
            Set("blockDeviceMapping", i.BlockDevices.Select(b => Item(
                El("deviceName", b.DeviceName),
                El("ebs", El("volumeId", "vol-" + i.InstanceId[2..]), El("status", "attached"), El("attachTime", IsoTime(i.LaunchTime)),
                    El("deleteOnTermination", (b.DeleteOnTermination ?? true) ? "true" : "false"))))),
            i.IamInstanceProfile is null
                ? null
                : El("iamInstanceProfile",
                    El("arn", i.IamInstanceProfile.StartsWith("arn:", StringComparison.Ordinal) ? i.IamInstanceProfile : $"arn:aws:iam::{AccountId}:instance-profile/{i.IamInstanceProfile}"),
                    El("id", "AIPA" + i.InstanceId[2..].ToUpperInvariant())),
            i.ClientToken is null ? null : El("clientToken", i.ClientToken),
            TagSet(i.Tags),
            El("virtualizationType", "hvm"),
            El("hypervisor", "xen"));
    }

    private sealed class StoredInstance
    {
        public required string InstanceId { get; init; }

        public required string ReservationId { get; init; }

        public required string ImageId { get; init; }

        public required string InstanceType { get; init; }

        public required string SubnetId { get; init; }

        public required string VpcId { get; init; }

        public required string PrivateIpAddress { get; init; }

        public required string AvailabilityZone { get; init; }

        public required List<string> SecurityGroupIds { get; init; }

        public string? IamInstanceProfile { get; init; }

        public string? KeyName { get; init; }

        public string? UserData { get; init; }

        public required List<FakeBlockDevice> BlockDevices { get; init; }

        public string? ClientToken { get; init; }

        public DateTimeOffset LaunchTime { get; init; }

        public int LaunchIndex { get; init; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public required string State { get; set; }

        public DateTimeOffset StateSince { get; set; }

        public bool Held { get; set; }

        public string? ConsoleOutput { get; set; }

        public FakeEc2Instance Snapshot() => new(
            InstanceId, ReservationId, ImageId, InstanceType, State, SubnetId, VpcId, PrivateIpAddress, AvailabilityZone,
            [.. SecurityGroupIds], IamInstanceProfile, KeyName, UserData, [.. BlockDevices], new Dictionary<string, string>(Tags),
            ClientToken, LaunchTime);
    }
}
