using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Molecule.Aws;

/// <summary>
/// Picks the credentials every AWS client signs with: the configured static keys when present
/// (the same variables the SDK's environment provider reads, but taken from configuration so a
/// test host can set them without touching the process environment), else the SDK's default chain.
/// </summary>
internal static class AwsCredentialsSource
{
    public static AWSCredentials Resolve(AwsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AccessKeyId) && !string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            return string.IsNullOrWhiteSpace(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKeyId.Trim(), options.SecretAccessKey.Trim())
                : new SessionAWSCredentials(options.AccessKeyId.Trim(), options.SecretAccessKey.Trim(), options.SessionToken.Trim());
        }

        return DefaultAWSCredentialsIdentityResolver.GetCredentials();
    }
}
