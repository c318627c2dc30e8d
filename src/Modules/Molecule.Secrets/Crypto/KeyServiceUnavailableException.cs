namespace Molecule.Secrets.Crypto;

/// <summary>
/// The key service (KMS) could not be reached or kept failing after the SDK's retries: connection
/// refused, a timeout, a 5xx or throttling. A transient condition, so callers answer 503 with
/// <c>Retry-After</c> instead of "failed to encrypt"; the message names the operation and the AWS
/// error code only, never a value.
/// </summary>
internal sealed class KeyServiceUnavailableException(string message, Exception innerException)
    : Exception(message, innerException)
{
    /// <summary>What the 503 answer asks a client to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;
}
