using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Molecule.Aws.Json;

/// <summary>
/// The thin clients' retry policy: bounded attempts (AWS_MAX_ATTEMPTS, counting the first),
/// exponential back-off from AWS_RETRY_BASE_DELAY_MS with jitter, capped at 20 s like the SDKs'
/// standard mode, on throttling, transient errors and broken connections only.
/// </summary>
internal static class AwsRetryPipeline
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    public static ResiliencePipeline Create(AwsOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && AwsRetryableErrors.IsRetryable(e)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception switch
                    {
                        AmazonServiceException aws => $"{aws.ErrorCode} (HTTP {(int)aws.StatusCode}, request {aws.RequestId})",
                        { } other => other.GetType().Name,
                        null => "no answer",
                    };
                    AwsLog.Retrying(logger, args.AttemptNumber + 2, options.MaxAttempts, reason, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
