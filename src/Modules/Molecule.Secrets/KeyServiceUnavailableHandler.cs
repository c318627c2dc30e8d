using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Http;
using Molecule.Secrets.Crypto;

namespace Molecule.Secrets;

/// <summary>
/// Answers KMS being unreachable or throttling after retries — from a secret write, a create with
/// secrets, a read or a re-encryption batch — with 503 and <c>Retry-After</c>, never 500. The
/// failed write's transaction has already rolled back, so a retry starts clean. Registered by the
/// host ahead of its catch-all handler.
/// </summary>
public sealed partial class KeyServiceUnavailableHandler(ILogger<KeyServiceUnavailableHandler> logger) : IExceptionHandler
{
    public const string Error = "key service unavailable; retry later";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not KeyServiceUnavailableException unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path.Value ?? "", unavailable.Message);
        httpContext.Response.Headers.RetryAfter = KeyServiceUnavailableException.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiError.Unavailable(Error).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    private partial void LogUnavailable(string method, string path, string reason);
}
