using Microsoft.Extensions.Time.Testing;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Aws;

/// <summary>The SDK's EC2 client, registered by AddAwsClients, against the fake EC2 Query API.</summary>
public sealed class Ec2ClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private AwsClientsHarness _aws = null!;

    private FakeEc2 Fake => _aws.Aws.Ec2;

    public async Task InitializeAsync() => _aws = await AwsClientsHarness.StartAsync(_clock);

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task RunInstances_records_what_was_asked_and_the_instance_boots_after_the_delay()
    {
        var group = await _aws.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = "workspace-ws1", Description = "ws1", VpcId = Fake.DefaultVpcId,
        });
        Fake.BootDelay = TimeSpan.FromSeconds(30);

        var response = await _aws.Ec2.RunInstancesAsync(LaunchRequest("token-1", group.GroupId));

        var launched = response.Reservation.Instances.ShouldHaveSingleItem();
        launched.State.Name.Value.ShouldBe("pending");
        var recorded = Fake.Instance(launched.InstanceId).ShouldNotBeNull();
        recorded.InstanceType.ShouldBe("t3.medium");
        recorded.ImageId.ShouldBe("ami-0123456789abcdef0");
        recorded.SubnetId.ShouldBe("subnet-0aaa");
        recorded.SecurityGroupIds.ShouldBe([group.GroupId]);
        recorded.IamInstanceProfile.ShouldBe("molecule-workspace");
        recorded.UserData.ShouldBe("#!/bin/bash\necho hello\n");
        recorded.BlockDevices.ShouldHaveSingleItem().ShouldBe(new FakeBlockDevice("/dev/sda1", 40, "gp3", true, null));
        recorded.Tags["WorkspaceID"].ShouldBe("ws-1");
        recorded.Tags["Role"].ShouldBe("workspace");

        _clock.Advance(TimeSpan.FromSeconds(29));
        (await StateAsync(launched.InstanceId)).ShouldBe("pending");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await StateAsync(launched.InstanceId)).ShouldBe("running");
        var described = (await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [launched.InstanceId] }))
            .Reservations.ShouldHaveSingleItem().Instances.ShouldHaveSingleItem();
        described.IamInstanceProfile.Arn.ShouldEndWith("instance-profile/molecule-workspace");
        described.Tags.ShouldContain(t => t.Key == "WorkspaceID" && t.Value == "ws-1");
        described.SecurityGroups.ShouldHaveSingleItem().GroupId.ShouldBe(group.GroupId);
        described.Placement.AvailabilityZone.ShouldBe("us-east-1a");
    }

    [Fact]
    public async Task The_same_client_token_returns_the_first_instance_and_launches_nothing()
    {
        var first = await _aws.Ec2.RunInstancesAsync(LaunchRequest("ws-1-launch-1"));
        var second = await _aws.Ec2.RunInstancesAsync(LaunchRequest("ws-1-launch-1"));
        var other = await _aws.Ec2.RunInstancesAsync(LaunchRequest("ws-1-launch-2"));

        second.Reservation.Instances.Single().InstanceId.ShouldBe(first.Reservation.Instances.Single().InstanceId);
        other.Reservation.Instances.Single().InstanceId.ShouldNotBe(first.Reservation.Instances.Single().InstanceId);
        Fake.LaunchCount.ShouldBe(2);

        var mismatch = await Should.ThrowAsync<AmazonEC2Exception>(() =>
        {
            var changed = LaunchRequest("ws-1-launch-1");
            changed.InstanceType = InstanceType.T3Large;
            return _aws.Ec2.RunInstancesAsync(changed);
        });
        mismatch.ErrorCode.ShouldBe("IdempotentParameterMismatch");
    }

    [Fact]
    public async Task Stop_start_and_terminate_walk_the_instance_states()
    {
        var id = (await _aws.Ec2.RunInstancesAsync(LaunchRequest(null))).Reservation.Instances.Single().InstanceId;
        _clock.Advance(Fake.BootDelay);

        var stop = await _aws.Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [id] });
        stop.StoppingInstances.Single().PreviousState.Name.Value.ShouldBe("running");
        stop.StoppingInstances.Single().CurrentState.Name.Value.ShouldBe("stopping");
        _clock.Advance(Fake.StopDelay);
        (await StateAsync(id)).ShouldBe("stopped");

        var start = await _aws.Ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [id] });
        start.StartingInstances.Single().CurrentState.Code.ShouldBe(0);
        _clock.Advance(Fake.BootDelay);
        (await StateAsync(id)).ShouldBe("running");

        var terminate = await _aws.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id] });
        terminate.TerminatingInstances.Single().CurrentState.Name.Value.ShouldBe("shutting-down");
        _clock.Advance(Fake.TerminateDelay);
        (await StateAsync(id)).ShouldBe("terminated");

        var refused = await Should.ThrowAsync<AmazonEC2Exception>(() => _aws.Ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [id] }));
        refused.ErrorCode.ShouldBe("IncorrectInstanceState");

        _clock.Advance(Fake.TerminatedRetention);
        var gone = await Should.ThrowAsync<AmazonEC2Exception>(() => _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] }));
        gone.ErrorCode.ShouldBe("InvalidInstanceID.NotFound");
    }

    [Fact]
    public async Task DescribeInstances_filters_by_tag_and_state_and_pages_with_next_token()
    {
        for (var i = 0; i < 7; i++)
        {
            var request = LaunchRequest(null);
            request.TagSpecifications[0].Tags.Add(new Tag("Environment", i < 6 ? "test" : "prod"));
            await _aws.Ec2.RunInstancesAsync(request);
        }

        var stopped = Fake.Instances[0].InstanceId;
        _clock.Advance(Fake.BootDelay);
        await _aws.Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [stopped] });

        var filters = new List<Filter> { new("tag:Environment", ["test"]), new("instance-state-name", ["pending", "running"]) };
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, MaxResults = 5, NextToken = token });
            seen.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances).Select(i => i.InstanceId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 10);

        pages.ShouldBe(1);
        seen.Count.ShouldBe(5);
        seen.ShouldNotContain(stopped);

        var all = new List<string>();
        token = null;
        pages = 0;
        do
        {
            var page = await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new("tag:Role", ["work*"])], MaxResults = 5, NextToken = token });
            all.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances).Select(i => i.InstanceId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 10);

        pages.ShouldBe(2);
        all.ShouldBe(Fake.Instances.Select(i => i.InstanceId), ignoreOrder: false);
    }

    [Fact]
    public async Task RequestLimitExceeded_twice_is_retried_by_the_sdk_and_succeeds()
    {
        Fake.Faults.FailNext("DescribeInstances", "RequestLimitExceeded", times: 2);

        var response = await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        response.HttpStatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        Fake.Calls.Count(c => c == "DescribeInstances").ShouldBe(3);
    }

    [Fact]
    public async Task Throttling_beyond_the_attempt_budget_surfaces_the_code()
    {
        Fake.Faults.FailNext("DescribeInstances", "RequestLimitExceeded", times: 5);

        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest()));

        error.ErrorCode.ShouldBe("RequestLimitExceeded");
        Fake.Calls.Count(c => c == "DescribeInstances").ShouldBe(3);
    }

    [Fact]
    public async Task DeleteSecurityGroup_is_a_dependency_violation_until_the_instance_is_terminated()
    {
        var eic = await _aws.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = "eic", Description = "endpoint" });
        var group = await _aws.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = "workspace-ws2", Description = "ws2",
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [new Tag("WorkspaceID", "ws-2")] }],
        });
        await _aws.Ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = group.GroupId,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 22, ToPort = 22, UserIdGroupPairs = [new UserIdGroupPair { GroupId = eic.GroupId }] }],
        });
        var id = (await _aws.Ec2.RunInstancesAsync(LaunchRequest(null, group.GroupId))).Reservation.Instances.Single().InstanceId;

        var rule = Fake.SecurityGroup(group.GroupId).ShouldNotBeNull().Ingress.ShouldHaveSingleItem();
        (rule.Protocol, rule.FromPort, rule.ToPort, rule.SourceGroupId, rule.CidrIp).ShouldBe(("tcp", 22, 22, eic.GroupId, null));
        var described = (await _aws.Ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [group.GroupId] }))
            .SecurityGroups.ShouldHaveSingleItem();
        described.IpPermissions.ShouldHaveSingleItem().UserIdGroupPairs.ShouldHaveSingleItem().GroupId.ShouldBe(eic.GroupId);
        described.Tags.ShouldContain(t => t.Key == "WorkspaceID" && t.Value == "ws-2");

        (await DeleteGroupErrorAsync(group.GroupId)).ShouldBe("DependencyViolation");
        await _aws.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id] });
        (await DeleteGroupErrorAsync(group.GroupId)).ShouldBe("DependencyViolation");
        _clock.Advance(Fake.TerminateDelay);

        await _aws.Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = group.GroupId });
        Fake.SecurityGroup(group.GroupId).ShouldBeNull();
        (await DeleteGroupErrorAsync(group.GroupId)).ShouldBe("InvalidGroup.NotFound");
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_with_SignatureDoesNotMatch()
    {
        await using var wrong = await AwsClientsHarness.StartAsync(_clock, c => c["AWS_SECRET_ACCESS_KEY"] = "not-the-secret");

        var error = await Should.ThrowAsync<AmazonEC2Exception>(() => wrong.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest()));

        error.ErrorCode.ShouldBe("SignatureDoesNotMatch");
        error.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        error.RequestId.ShouldNotBeNullOrEmpty();
        wrong.Aws.Ec2.RejectedSignatures.ShouldBe(1);
        wrong.Aws.Ec2.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_vanished_instance_is_not_found_and_drops_out_of_tag_queries()
    {
        var id = (await _aws.Ec2.RunInstancesAsync(LaunchRequest(null))).Reservation.Instances.Single().InstanceId;

        Fake.Vanish(id).ShouldBeTrue();

        (await Should.ThrowAsync<AmazonEC2Exception>(() => _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [id] })))
            .ErrorCode.ShouldBe("InvalidInstanceID.NotFound");
        var byTag = await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new("tag:WorkspaceID", ["ws-1"])] });
        (byTag.Reservations ?? []).SelectMany(r => r.Instances).ShouldBeEmpty();
    }

    [Fact]
    public async Task Tags_console_output_and_instance_connect_endpoints_come_back_as_the_sdk_reads_them()
    {
        var id = (await _aws.Ec2.RunInstancesAsync(LaunchRequest(null))).Reservation.Instances.Single().InstanceId;
        Fake.SetConsoleOutput(id, "cloud-init: molecule bootstrap done\n");
        var endpoint = Fake.AddInstanceConnectEndpoint(dnsName: "127.0.0.1:4443", securityGroupId: "sg-0eic");
        Fake.AddInstanceConnectEndpoint(subnetId: "subnet-0other");

        await _aws.Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("SGID", "sg-1")] });
        var console = await _aws.Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = id });
        var endpoints = await _aws.Ec2.DescribeInstanceConnectEndpointsAsync(new DescribeInstanceConnectEndpointsRequest
        {
            Filters = [new("state", ["create-complete", "update-complete"]), new("vpc-id", [Fake.DefaultVpcId])],
        });

        Fake.Instance(id)!.Tags["SGID"].ShouldBe("sg-1");
        Encoding.UTF8.GetString(Convert.FromBase64String(console.Output)).ShouldBe("cloud-init: molecule bootstrap done\n");
        endpoints.InstanceConnectEndpoints.Count.ShouldBe(2);
        var first = endpoints.InstanceConnectEndpoints.Single(e => e.InstanceConnectEndpointId == endpoint.EndpointId);
        first.DnsName.ShouldBe("127.0.0.1:4443");
        first.SubnetId.ShouldBe(Fake.DefaultSubnetId);
        first.SecurityGroupIds.ShouldBe(["sg-0eic"]);
        first.State.Value.ShouldBe("create-complete");
    }

    private async Task<string?> DeleteGroupErrorAsync(string groupId)
    {
        try
        {
            await _aws.Ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId });
            return null;
        }
        catch (AmazonEC2Exception e)
        {
            return e.ErrorCode;
        }
    }

    private async Task<string> StateAsync(string instanceId)
    {
        var response = await _aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new("instance-id", [instanceId])] });
        return response.Reservations.Single().Instances.Single().State.Name.Value;
    }

    private static RunInstancesRequest LaunchRequest(string? clientToken, string? groupId = null) => new()
    {
        ImageId = "ami-0123456789abcdef0",
        InstanceType = InstanceType.T3Medium,
        MinCount = 1,
        MaxCount = 1,
        SubnetId = "subnet-0aaa",
        SecurityGroupIds = groupId is null ? null : [groupId],
        IamInstanceProfile = new IamInstanceProfileSpecification { Name = "molecule-workspace" },
        UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/bash\necho hello\n")),
        BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = "/dev/sda1", Ebs = new EbsBlockDevice { VolumeSize = 40, VolumeType = VolumeType.Gp3, DeleteOnTermination = true } }],
        TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag("WorkspaceID", "ws-1"), new Tag("Role", "workspace")] }],
        ClientToken = clientToken,
    };
}
