using Amazon.EC2;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws.Tunnel;

namespace Molecule.Testing.Aws.Tunnel;

/// <summary>
/// The tunnel wired as the host wires it (<see cref="EicTunnelRegistration.AddEicTunnel"/>), with
/// the fake EC2, the fake endpoint's credentials and <c>EIC_TUNNEL_URL</c> pointing at it.
/// </summary>
public static class EicTunnelTestKit
{
    public const string VpcId = "vpc-0tunnel";
    public const string SubnetId = "subnet-0tunnel";
    public const string EndpointId = "eice-0123456789abcdef0";

    public static readonly EicTunnelTarget Target = new("i-0123456789abcdef0", VpcId, SubnetId, "10.0.1.5");

    public static ServiceProvider Services(
        IAmazonEC2 ec2,
        EicTunnelEndpointFake endpoint,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        EicPresignCredentials? signWith = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = endpoint.Region,
            ["EIC_TUNNEL_URL"] = endpoint.Url.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var signingKey = signWith ?? endpoint.Credentials;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(ec2);
        services.AddSingleton<AWSCredentials>(signingKey.SessionToken is null
            ? new BasicAWSCredentials(signingKey.AccessKeyId, signingKey.SecretAccessKey)
            : new SessionAWSCredentials(signingKey.AccessKeyId, signingKey.SecretAccessKey, signingKey.SessionToken));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddEicTunnel(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A fake EC2 knowing one endpoint in <see cref="SubnetId"/>.</summary>
    public static IAmazonEC2 Ec2WithEndpointInSubnet() =>
        TunnelFakeEc2.Create(TunnelFakeEc2.Endpoint(EndpointId, VpcId, SubnetId)).Client;
}
