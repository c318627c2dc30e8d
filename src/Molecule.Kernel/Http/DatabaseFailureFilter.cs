using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.Kernel.Http;

/// <summary>
/// The one mapping of a database failure to an answer: logged here with the route, answered 500 with
/// the route's own reference text (<c>query failed</c>, <c>failed to list secrets</c> …). Failures a
/// handler answers differently on purpose (a 404 for a vanished parent, a 503 to retry) it still
/// catches itself, before they get here.
/// </summary>
internal sealed partial class DatabaseFailureFilter(string error) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var http = context.HttpContext;
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseFailureFilter>();
            LogFailed(logger, exception, http.Request.Method, (http.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "");
            return ApiError.Internal(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "database failure in {Method} {Route}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string route);
}

public static class DatabaseFailureExtensions
{
    /// <summary>A database failure inside the handler answers 500 <c>{"error": error}</c>.</summary>
    public static RouteHandlerBuilder AnswersDatabaseFailure(this RouteHandlerBuilder builder, string error) =>
        builder.AddEndpointFilter(new DatabaseFailureFilter(error))
            .ProducesProblem(StatusCodes.Status500InternalServerError);
}
