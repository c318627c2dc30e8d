using Amazon;
using Microsoft.Extensions.Configuration;

namespace Molecule.Aws;

/// <summary>
/// Where and as whom the AWS clients talk. Bound from the AWS SDK's own variable names, so the
/// same environment configures this server and the AWS CLI alike.
/// </summary>
public sealed class AwsOptions
{
    public const string DefaultRegion = "us-east-1";

    [ConfigurationKeyName("AWS_REGION")]
    public string? Region { get; set; }

    /// <summary>One endpoint for every service (e.g. a local emulator); a per-service override wins over it.</summary>
    [ConfigurationKeyName("AWS_ENDPOINT_URL")]
    public string? EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_EC2")]
    public string? Ec2EndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_KMS")]
    public string? KmsEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    public string? SecretsManagerEndpointUrl { get; set; }

    [ConfigurationKeyName("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT")]
    public string? InstanceConnectEndpointUrl { get; set; }

    /// <summary>
    /// Static credentials. When the access key is absent the SDK's default chain decides
    /// (environment, shared profile, container and instance-profile credentials).
    /// </summary>
    [ConfigurationKeyName("AWS_ACCESS_KEY_ID")]
    public string? AccessKeyId { get; set; }

    [ConfigurationKeyName("AWS_SECRET_ACCESS_KEY")]
    public string? SecretAccessKey { get; set; }

    [ConfigurationKeyName("AWS_SESSION_TOKEN")]
    public string? SessionToken { get; set; }

    /// <summary>Attempts per call including the first, as the SDK's standard retry mode counts them.</summary>
    [ConfigurationKeyName("AWS_MAX_ATTEMPTS")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// First back-off of the thin clients' retries (doubled per attempt, with jitter). Tests shorten it;
    /// the SDK clients use the SDK's own standard-mode back-off.
    /// </summary>
    [ConfigurationKeyName("AWS_RETRY_BASE_DELAY_MS")]
    public int RetryBaseDelayMilliseconds { get; set; } = 200;

    /// <summary>Upper bound for one HTTP exchange of the thin clients.</summary>
    [ConfigurationKeyName("AWS_REQUEST_TIMEOUT_SECONDS")]
    public int RequestTimeoutSeconds { get; set; } = 30;

    public string EffectiveRegion => string.IsNullOrWhiteSpace(Region) ? DefaultRegion : Region.Trim();

    public RegionEndpoint RegionEndpoint => RegionEndpoint.GetBySystemName(EffectiveRegion);

    /// <summary>The endpoint override for one service, or null when the SDK's regional endpoint applies.</summary>
    public Uri? EndpointFor(AwsService service)
    {
        var specific = service switch
        {
            AwsService.Ec2 => Ec2EndpointUrl,
            AwsService.Kms => KmsEndpointUrl,
            AwsService.SecretsManager => SecretsManagerEndpointUrl,
            AwsService.InstanceConnect => InstanceConnectEndpointUrl,
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown AWS service"),
        };
        var chosen = string.IsNullOrWhiteSpace(specific) ? EndpointUrl : specific;
        return string.IsNullOrWhiteSpace(chosen) ? null : new Uri(chosen.Trim(), UriKind.Absolute);
    }

    /// <summary>The endpoint a call to <paramref name="service"/> goes to: the override, else the regional one.</summary>
    public Uri ResolveEndpoint(AwsService service) =>
        EndpointFor(service) ?? new Uri($"https://{AwsServiceNames.EndpointPrefix(service)}.{EffectiveRegion}.amazonaws.com/");
}
