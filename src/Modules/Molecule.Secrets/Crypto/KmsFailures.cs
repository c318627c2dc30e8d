using System.Net;
using System.Net.Sockets;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Sorts a failed KMS call into "try again later" (<see cref="KeyServiceUnavailableException"/>) and
/// "this secret cannot be sealed or opened" (<see cref="SecretCipherException"/>). The SDK has
/// already retried throttling and 5xx answers by the time either reaches us.
/// </summary>
internal static class KmsFailures
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "KMSInternalException",
        "DependencyTimeoutException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "InternalFailure",
    };

    /// <summary>The exception to throw in place of <paramref name="exception"/>, or null to let it pass (caller's cancellation).</summary>
    public static Exception? Translate(Exception exception, string operation, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (exception is InvalidCiphertextException or IncorrectKeyException)
        {
            return new SecretCipherException(
                "KMS refused the wrapped data key: the encryption context does not match this secret's workspace and key, " +
                "or the stored value was altered", exception);
        }

        if (IsTransient(exception))
        {
            var code = exception is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) ? service.ErrorCode : exception.GetType().Name;
            return new KeyServiceUnavailableException($"KMS {operation} unavailable ({code}); retry later", exception);
        }

        return exception is AmazonServiceException other
            ? new SecretCipherException($"KMS {operation} failed ({other.ErrorCode ?? other.GetType().Name})", exception)
            : new SecretCipherException($"KMS {operation} failed ({exception.GetType().Name})", exception);
    }

    private static bool IsTransient(Exception exception)
    {
        if (exception is AmazonServiceException service
            && ((int)service.StatusCode >= 500 || (service.ErrorCode is { } code && TransientCodes.Contains(code))
                || service.StatusCode == HttpStatusCode.TooManyRequests))
        {
            return true;
        }

        // Connection refused, resets and timeouts arrive bare or wrapped by the SDK.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}
