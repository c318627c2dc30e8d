using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Aws.Tunnel;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

public sealed class EicTunnelOptionsTests
{
    [Theory]
    [InlineData("EIC_MAX_TUNNEL_SECONDS", "3601", "EIC_MAX_TUNNEL_SECONDS must be between 1 and 3600")]
    [InlineData("EIC_MAX_TUNNELS_PER_ENDPOINT", "21", "EIC_MAX_TUNNELS_PER_ENDPOINT must be between 1 and 20")]
    [InlineData("EIC_TUNNEL_URL", "http://127.0.0.1:1", "EIC_TUNNEL_URL must be an absolute ws:// or wss:// URL")]
    public void A_bad_setting_fails_naming_the_variable(string key, string value, string message)
    {
        using var services = new ServiceCollection()
            .AddSingleton(EicTunnelTestKit.Ec2WithEndpointInSubnet())
            .AddEicTunnel(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build())
            .BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<EicTunnelOptions>>().Value);

        error.Message.ShouldContain(message);
    }

    [Fact]
    public void The_factory_resolves_without_aws_credentials_because_they_are_needed_only_to_sign()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(EicTunnelTestKit.Ec2WithEndpointInSubnet())
            .AddSingleton<Amazon.Runtime.AWSCredentials>(_ => throw new InvalidOperationException("credentials resolved too early"))
            .AddEicTunnel(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        services.GetRequiredService<IEicTunnelFactory>().ShouldNotBeNull();
    }

    [Fact]
    public void Registering_the_tunnel_from_two_modules_keeps_one_connection_pool()
    {
        var configuration = new ConfigurationBuilder().Build();
        var collection = new ServiceCollection()
            .AddSingleton(EicTunnelTestKit.Ec2WithEndpointInSubnet())
            .AddEicTunnel(configuration)
            .AddEicTunnel(configuration);

        collection.Count(descriptor => descriptor.ServiceType == typeof(IEicTunnelFactory)).ShouldBe(1);
        collection.Count(descriptor => descriptor.ServiceType == typeof(IValidateOptions<EicTunnelOptions>)).ShouldBe(1);
    }

    [Fact]
    public void The_defaults_are_the_endpoint_limits()
    {
        var options = new EicTunnelOptions();

        options.Validate().ShouldBeNull();
        (options.MaxTunnelSeconds, options.MaxConnectionsPerEndpoint, options.Region).ShouldBe((3600, 20, "us-east-1"));
    }
}
