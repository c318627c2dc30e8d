using Microsoft.Extensions.Configuration;
using Molecule.Aws;

namespace Molecule.Tests.Aws;

public sealed class AwsOptionsTests
{
    [Fact]
    public void A_per_service_endpoint_wins_over_the_generic_one_which_wins_over_the_regional_default()
    {
        var options = Bind(new()
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566/",
            ["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:9001/",
        });

        options.ResolveEndpoint(AwsService.Ec2).ShouldBe(new Uri("http://127.0.0.1:9001/"));
        options.ResolveEndpoint(AwsService.SecretsManager).ShouldBe(new Uri("http://127.0.0.1:4566/"));
        Bind(new() { ["AWS_REGION"] = "eu-west-1" }).ResolveEndpoint(AwsService.InstanceConnect)
            .ShouldBe(new Uri("https://ec2-instance-connect.eu-west-1.amazonaws.com/"));
        Bind(new()).EffectiveRegion.ShouldBe("us-east-1");
    }

    [Fact]
    public void Signing_names_are_the_services_own()
    {
        AwsServiceNames.SigningName(AwsService.Ec2).ShouldBe("ec2");
        AwsServiceNames.SigningName(AwsService.Kms).ShouldBe("kms");
        AwsServiceNames.SigningName(AwsService.SecretsManager).ShouldBe("secretsmanager");
        AwsServiceNames.SigningName(AwsService.InstanceConnect).ShouldBe("ec2-instance-connect");
    }

    [Fact]
    public void The_validator_names_every_bad_variable()
    {
        var result = new AwsOptionsValidator().Validate(null, Bind(new()
        {
            ["AWS_REGION"] = "Not A Region",
            ["AWS_ENDPOINT_URL_KMS"] = "ftp://x",
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_MAX_ATTEMPTS"] = "0",
        }));

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("AWS_REGION");
        result.FailureMessage.ShouldContain("AWS_ENDPOINT_URL_KMS");
        result.FailureMessage.ShouldContain("AWS_SECRET_ACCESS_KEY");
        result.FailureMessage.ShouldContain("AWS_MAX_ATTEMPTS");
        new AwsOptionsValidator().Validate(null, Bind(new())).Succeeded.ShouldBeTrue();
    }

    private static AwsOptions Bind(Dictionary<string, string?> values)
    {
        var options = new AwsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
        return options;
    }
}
