using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

public static class EicTunnelRegistration
{
    /// <summary>
    /// Registers <see cref="IEicTunnelFactory"/>. Needs an <c>IAmazonEC2</c> (the EC2 client
    /// registration) for endpoint lookup. Credentials come from the SDK's default chain unless an
    /// <see cref="AWSCredentials"/> is registered already. Safe to call from every module that
    /// needs the tunnel: only the first call registers (one connection pool per process).
    /// </summary>
    public static IServiceCollection AddEicTunnel(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(IEicTunnelFactory)))
        {
            return services;
        }

        services.AddOptions<EicTunnelOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EicTunnelOptions>, EicTunnelOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AWSCredentials>(_ => DefaultAWSCredentialsIdentityResolver.GetCredentials());
        services.AddSingleton<EicEndpointLocator>();
        services.AddSingleton(provider => new EicTunnelUrlSigner(
            new Lazy<AWSCredentials>(provider.GetRequiredService<AWSCredentials>),
            provider.GetRequiredService<IOptions<EicTunnelOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EicConnectionPool>();
        services.AddSingleton<IEicTunnelFactory, EicTunnelFactory>();
        return services;
    }
}
