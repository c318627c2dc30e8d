using Amazon.EC2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Aws.InstanceConnect;
using Molecule.Aws.Json;
using Molecule.Aws.SecretsManager;

namespace Molecule.Aws;

public static class AwsClientsRegistration
{
    /// <summary>
    /// Registers the AWS clients as singletons: <see cref="IAmazonEC2"/> and
    /// <see cref="IAmazonKeyManagementService"/> (the SDK's, in its standard retry mode) and the thin
    /// <see cref="IAmazonSecretsManager"/> and <see cref="IAmazonEC2InstanceConnect"/> (AWS JSON 1.1,
    /// signed by AWSSDK.Core, retried by Polly), plus the <see cref="AWSCredentials"/> they share.
    /// <see cref="AwsOptions"/> is bound from <paramref name="configuration"/> and validated at start.
    /// Nothing resolves credentials or connects until a client is first used. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => AwsCredentialsSource.Resolve(sp.GetRequiredService<IOptions<AwsOptions>>().Value));

        services.TryAddSingleton<IAmazonEC2>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            return new AmazonEC2Client(sp.GetRequiredService<AWSCredentials>(), SdkConfig(new AmazonEC2Config(), options, AwsService.Ec2));
        });
        services.TryAddSingleton<IAmazonKeyManagementService>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            return new AmazonKeyManagementServiceClient(
                sp.GetRequiredService<AWSCredentials>(), SdkConfig(new AmazonKeyManagementServiceConfig(), options, AwsService.Kms));
        });

        services.TryAddSingleton<IAmazonSecretsManager>(sp => new SecretsManagerJsonClient(JsonClient(sp, AwsService.SecretsManager)));
        services.TryAddSingleton<IAmazonEC2InstanceConnect>(sp => new InstanceConnectJsonClient(JsonClient(sp, AwsService.InstanceConnect)));
        return services;
    }

    private static TConfig SdkConfig<TConfig>(TConfig config, AwsOptions options, AwsService service)
        where TConfig : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = options.MaxAttempts - 1;
        // Configuration is the one source of endpoints: the SDK must not read AWS_ENDPOINT_URL_* from the
        // process environment behind the host's back.
        config.IgnoreConfiguredEndpointUrls = true;
        var endpoint = options.EndpointFor(service);
        if (endpoint is null)
        {
            config.RegionEndpoint = options.RegionEndpoint;
        }
        else
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = options.EffectiveRegion;
        }

        return config;
    }

    private static AwsJsonClient JsonClient(IServiceProvider services, AwsService service)
    {
        var options = services.GetRequiredService<IOptions<AwsOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<AwsJsonClient>();
        return new AwsJsonClient(
            AwsJsonService.For(service),
            options.ResolveEndpoint(service),
            services.GetRequiredService<AWSCredentials>(),
            options,
            AwsRetryPipeline.Create(options, time, logger),
            logger);
    }
}
