using Microsoft.Extensions.Time.Testing;
using Amazon.EC2.Model;
using Molecule.Aws.InstanceConnect.Model;
using Molecule.Aws.Json;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Aws;

/// <summary>Our thin Instance Connect client against the fake, which checks the instance with the fake EC2.</summary>
public sealed class InstanceConnectClientTests : IAsyncLifetime
{
    // 80+ characters of OpenSSH one-line ed25519 key, the shape `aws ec2-instance-connect ssh` sends.
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm0lecuLeTestKeyForTheFakeInstanceConnect000000";

    private readonly FakeTimeProvider _clock = new();
    private AwsClientsHarness _aws = null!;

    private FakeInstanceConnect Fake => _aws.Aws.InstanceConnect;

    public async Task InitializeAsync() => _aws = await AwsClientsHarness.StartAsync(_clock);

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task A_pushed_key_is_authorized_for_that_instance_and_user_for_60_seconds()
    {
        var instanceId = await RunningInstanceAsync();
        PushedSshKey? announced = null;
        Fake.KeyPushed += k => announced = k;

        var response = await _aws.InstanceConnect.SendSSHPublicKeyAsync(new SendSSHPublicKeyRequest
        {
            InstanceId = instanceId, InstanceOSUser = "ubuntu", SSHPublicKey = PublicKey, AvailabilityZone = "us-east-1a",
        });

        response.Success.ShouldBe(true);
        response.RequestId.ShouldNotBeNullOrEmpty();
        announced.ShouldNotBeNull().AvailabilityZone.ShouldBe("us-east-1a");
        Fake.AuthorizedKeys(instanceId, "ubuntu").ShouldBe([PublicKey]);
        Fake.AuthorizedKeysFile(instanceId, "ubuntu").ShouldBe(PublicKey + "\n");
        Fake.AuthorizedKeys(instanceId, "root").ShouldBeEmpty();

        _clock.Advance(TimeSpan.FromSeconds(59));
        Fake.AuthorizedKeys(instanceId, "ubuntu").ShouldHaveSingleItem();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Fake.AuthorizedKeys(instanceId, "ubuntu").ShouldBeEmpty();
        Fake.PushedKeys.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task IAM_denial_unknown_and_stopped_instances_and_bad_keys_answer_the_aws_codes()
    {
        var instanceId = await RunningInstanceAsync();

        Fake.DenyAccess = true;
        var denied = await SendErrorAsync(instanceId, PublicKey);
        denied.ErrorCode.ShouldBe("AccessDeniedException");
        denied.RequestId.ShouldNotBeNullOrEmpty();
        Fake.DenyAccess = false;

        (await SendErrorAsync("i-0000000000000dead", PublicKey)).ErrorCode.ShouldBe("EC2InstanceNotFoundException");
        (await SendErrorAsync(instanceId, "ssh-ed25519 short")).ErrorCode.ShouldBe("InvalidArgsException");

        await _aws.Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] });
        (await SendErrorAsync(instanceId, PublicKey)).ErrorCode.ShouldBe("EC2InstanceStateInvalidException");
        Fake.PushedKeys.ShouldBeEmpty();
    }

    [Fact]
    public async Task Throttled_twice_then_the_key_is_pushed()
    {
        var instanceId = await RunningInstanceAsync();
        Fake.Faults.FailNext("SendSSHPublicKey", "ThrottlingException", times: 2);

        await _aws.InstanceConnect.SendSSHPublicKeyAsync(new SendSSHPublicKeyRequest { InstanceId = instanceId, InstanceOSUser = "ubuntu", SSHPublicKey = PublicKey });

        Fake.Calls.Count.ShouldBe(3);
        Fake.AuthorizedKeys(instanceId, "ubuntu").ShouldHaveSingleItem();
    }

    private async Task<AwsJsonServiceException> SendErrorAsync(string instanceId, string key) =>
        await Should.ThrowAsync<AwsJsonServiceException>(() => _aws.InstanceConnect.SendSSHPublicKeyAsync(
            new SendSSHPublicKeyRequest { InstanceId = instanceId, InstanceOSUser = "ubuntu", SSHPublicKey = key }));

    private async Task<string> RunningInstanceAsync()
    {
        var response = await _aws.Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-0123456789abcdef0", MinCount = 1, MaxCount = 1 });
        _clock.Advance(_aws.Aws.Ec2.BootDelay);
        return response.Reservation.Instances.Single().InstanceId;
    }
}
