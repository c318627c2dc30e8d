using System.Net;
using Amazon.Runtime;

namespace Molecule.Aws.Json;

/// <summary>
/// An error answered by an AWS JSON 1.1 service (Secrets Manager, Instance Connect). It is an
/// <see cref="AmazonServiceException"/> like the SDK clients' errors, so callers read
/// <see cref="AmazonServiceException.ErrorCode"/>, <see cref="AmazonServiceException.StatusCode"/> and
/// <see cref="AmazonServiceException.RequestId"/> the same way for every AWS call.
/// </summary>
public sealed class AwsJsonServiceException : AmazonServiceException
{
    public AwsJsonServiceException(string message, string errorCode, string requestId, HttpStatusCode statusCode)
        : base(message, null, (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId, statusCode)
    {
    }
}
