using Microsoft.AspNetCore.Diagnostics;
using Molecule.Kernel.Http;

namespace Molecule.Server.Http;

/// <summary>
/// The one exception handler: an unhandled exception is logged with its details and answered as
/// <c>{"error":"internal error"}</c> (500), never with exception text a caller could learn from.
/// Malformed requests the framework rejects keep their 4xx status.
/// </summary>
internal sealed partial class InternalErrorHandler(ILogger<InternalErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer and nothing went wrong here.
            LogAborted(context.Request.Method, RouteLabel.Of(context));
            return true;
        }

        if (exception is BadHttpRequestException badRequest)
        {
            var message = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "request body too large" : "bad request";
            await ApiError.Of(badRequest.StatusCode, message).ExecuteAsync(context);
            return true;
        }

        LogUnhandled(exception, context.Request.Method, RouteLabel.Of(context));
        await ApiError.Internal("internal error").ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled exception in {Method} {Route}")]
    private partial void LogUnhandled(Exception exception, string method, string route);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Route} aborted by the client")]
    private partial void LogAborted(string method, string route);
}
