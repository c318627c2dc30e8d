using System.Net;
using Amazon.Runtime;

namespace Molecule.Aws.Json;

/// <summary>
/// Which AWS answers are worth another attempt: throttling (every code AWS services use for it),
/// transient server-side codes, and HTTP 500/502/503/504 — the same classes the SDKs' standard
/// retry mode retries. Anything else (validation, auth, not found) fails at once.
/// </summary>
internal static class AwsRetryableErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
        "InternalServiceError", "InternalServerError", "ServiceUnavailable", "ServiceException",
    };

    public static bool IsThrottling(string? code) => code is not null && ThrottlingCodes.Contains(code);

    public static bool IsRetryable(Exception exception) => exception switch
    {
        AmazonServiceException aws => IsThrottling(aws.ErrorCode)
            || (aws.ErrorCode is not null && TransientCodes.Contains(aws.ErrorCode))
            || aws.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        // The connection broke before an answer: the call may not have reached AWS. Every call made
        // through these clients is idempotent (creates carry a client token), so resending is safe.
        HttpRequestException => true,
        _ => false,
    };
}
