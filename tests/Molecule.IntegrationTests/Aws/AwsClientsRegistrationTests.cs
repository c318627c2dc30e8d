using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Aws;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Aws;

public sealed class AwsClientsRegistrationTests
{
    [Fact]
    public async Task The_sdk_client_uses_the_configured_endpoint_region_and_standard_retry_mode()
    {
        await using var aws = await AwsClientsHarness.StartAsync();

        var ec2 = (AmazonEC2Client)aws.Ec2;
        ec2.Config.RetryMode.ShouldBe(Amazon.Runtime.RequestRetryMode.Standard);
        ec2.Config.MaxErrorRetry.ShouldBe(2);
        ec2.Config.ServiceURL.ShouldBe(aws.Aws.Ec2.Url);
        aws.Services.GetRequiredService<IOptions<AwsOptions>>().Value.EffectiveRegion.ShouldBe("us-east-1");

        // Absent lists are null in AWSSDK v4; the fake's empty answer must still parse.
        var none = await aws.Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [new("tag:WorkspaceID", ["nobody"])] });
        (none.Reservations ?? []).ShouldBeEmpty();
        aws.Aws.Ec2.Calls.ShouldBe(["DescribeInstances"]);
    }

    [Fact]
    public void A_bad_variable_fails_when_options_are_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_EC2"] = "not a url" }).Build();
        using var services = new ServiceCollection().AddLogging().AddAwsClients(configuration).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AwsOptions>>().Value)
            .Message.ShouldContain("AWS_ENDPOINT_URL_EC2");
    }
}
