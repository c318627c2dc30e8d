using Microsoft.Extensions.Options;

namespace Molecule.Aws;

/// <summary>Refuses to start with a region, endpoint or retry setting the clients cannot use, naming the variable.</summary>
internal sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        if (!LooksLikeRegion(options.EffectiveRegion))
        {
            failures.Add($"AWS_REGION must be a region name such as us-east-1, got \"{options.EffectiveRegion}\"");
        }

        CheckUrl("AWS_ENDPOINT_URL", options.EndpointUrl, failures);
        CheckUrl("AWS_ENDPOINT_URL_EC2", options.Ec2EndpointUrl, failures);
        CheckUrl("AWS_ENDPOINT_URL_KMS", options.KmsEndpointUrl, failures);
        CheckUrl("AWS_ENDPOINT_URL_SECRETS_MANAGER", options.SecretsManagerEndpointUrl, failures);
        CheckUrl("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", options.InstanceConnectEndpointUrl, failures);

        if (!string.IsNullOrWhiteSpace(options.AccessKeyId) && string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            failures.Add("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add("AWS_MAX_ATTEMPTS must be between 1 and 10");
        }

        if (options.RetryBaseDelayMilliseconds is < 1 or > 60_000)
        {
            failures.Add("AWS_RETRY_BASE_DELAY_MS must be between 1 and 60000");
        }

        if (options.RequestTimeoutSeconds is < 1 or > 600)
        {
            failures.Add("AWS_REQUEST_TIMEOUT_SECONDS must be between 1 and 600");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // RegionEndpoint.GetBySystemName accepts any text (it invents an endpoint for unknown names), so
    // only the shape is checked: lowercase words and digits joined by dashes.
    private static bool LooksLikeRegion(string region) =>
        region.Length is > 3 and < 32
        && region.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void CheckUrl(string variable, string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"{variable} must be an absolute http(s) URL, got \"{value}\"");
        }
    }
}
