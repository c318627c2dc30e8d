using Microsoft.Extensions.Logging;

namespace Molecule.Aws;

/// <summary>Every log line of the AWS clients. Request and response bodies are never logged: they carry secrets.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "AWS call failed with {Reason}; attempt {NextAttempt} of {MaxAttempts} in {Delay}")]
    public static partial void Retrying(ILogger logger, int nextAttempt, int maxAttempts, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug,
        Message = "AWS {Target} answered {ErrorCode} (HTTP {Status}, request {RequestId})")]
    public static partial void ServiceError(ILogger logger, string target, string errorCode, int status, string requestId);
}
