using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Molecule.Aws.Tunnel;
using Molecule.Testing;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

public sealed class EicEndpointLocatorTests
{
    private static readonly EicTunnelTarget Instance = new("i-0abc", "vpc-1", "subnet-b", "10.0.2.7");
    private readonly FakeTimeProvider _clock = new();

    private EicEndpointLocator Locator(TunnelFakeEc2 fake, string? pinned = null) =>
        new((Amazon.EC2.IAmazonEC2)(object)fake, Options.Create(new EicTunnelOptions { EndpointId = pinned }), _clock);

    [Fact]
    public async Task The_endpoint_in_the_instances_subnet_wins_over_an_earlier_one_in_the_same_vpc()
    {
        var (_, fake) = TunnelFakeEc2.Create(
            TunnelFakeEc2.Endpoint("eice-a", "vpc-1", "subnet-a"),
            TunnelFakeEc2.Endpoint("eice-b", "vpc-1", "subnet-b"),
            TunnelFakeEc2.Endpoint("eice-other", "vpc-2", "subnet-b"));

        var endpoint = await Locator(fake).LocateAsync(Instance, CancellationToken.None);

        endpoint.Id.ShouldBe("eice-b");
        endpoint.DnsName.ShouldBe("eice-b.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com");
        var request = fake.Requests.Single();
        request.Filters.Select(f => (f.Name, string.Join(',', f.Values))).ShouldBe(
            [("state", "create-complete,update-in-progress,update-failed,update-complete"), ("vpc-id", "vpc-1")]);
    }

    [Fact]
    public async Task Without_one_in_the_subnet_the_first_usable_endpoint_of_the_vpc_is_taken()
    {
        var (_, fake) = TunnelFakeEc2.Create(
            TunnelFakeEc2.Endpoint("eice-b-creating", "vpc-1", "subnet-b", state: "create-in-progress"),
            TunnelFakeEc2.Endpoint("eice-other-vpc", "vpc-2", "subnet-x"),
            TunnelFakeEc2.Endpoint("eice-a", "vpc-1", "subnet-a"));

        var endpoint = await Locator(fake).LocateAsync(Instance, CancellationToken.None);

        endpoint.Id.ShouldBe("eice-a");
    }

    [Fact]
    public async Task No_endpoint_in_the_vpc_is_a_clear_error_naming_vpc_and_subnet()
    {
        var (_, fake) = TunnelFakeEc2.Create(TunnelFakeEc2.Endpoint("eice-other", "vpc-2", "subnet-x"));

        var error = await Should.ThrowAsync<EicTunnelException>(() => Locator(fake).LocateAsync(Instance, CancellationToken.None));

        error.Failure.ShouldBe(EicTunnelFailure.EndpointNotFound);
        error.Message.ShouldStartWith("no EC2 Instance Connect endpoint in vpc vpc-1 / subnet subnet-b");
    }

    [Fact]
    public async Task A_lookup_is_reused_until_the_cache_time_passes()
    {
        var (_, fake) = TunnelFakeEc2.Create(TunnelFakeEc2.Endpoint("eice-a", "vpc-1", "subnet-b"));
        var locator = Locator(fake);

        await locator.LocateAsync(Instance, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await locator.LocateAsync(Instance, CancellationToken.None);
        fake.Requests.Count.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await locator.LocateAsync(Instance, CancellationToken.None);
        fake.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_pinned_endpoint_is_asked_for_by_id()
    {
        var (_, fake) = TunnelFakeEc2.Create(
            TunnelFakeEc2.Endpoint("eice-b", "vpc-1", "subnet-b"),
            TunnelFakeEc2.Endpoint("eice-pinned", "vpc-9", "subnet-9"));

        var endpoint = await Locator(fake, pinned: "eice-pinned").LocateAsync(Instance, CancellationToken.None);

        endpoint.Id.ShouldBe("eice-pinned");
        fake.Requests.Single().InstanceConnectEndpointIds.ShouldBe(["eice-pinned"]);
    }

    [Fact]
    public async Task A_missing_pinned_endpoint_names_the_variable()
    {
        var (_, fake) = TunnelFakeEc2.Create(TunnelFakeEc2.Endpoint("eice-b", "vpc-1", "subnet-b"));

        var error = await Should.ThrowAsync<EicTunnelException>(() => Locator(fake, pinned: "eice-gone").LocateAsync(Instance, CancellationToken.None));

        error.Message.ShouldContain("eice-gone (EIC_ENDPOINT_ID)");
    }
}
