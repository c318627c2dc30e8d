using Serilog;
using Serilog.Events;

namespace Molecule.Server.Http;

/// <summary>
/// One event per request through Serilog's request logging: method, route template, status and
/// elapsed time. Never the path, query string, headers or body, which can carry tokens and secrets.
/// </summary>
internal static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.000} ms";

    public static IApplicationBuilder UseMoleculeRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = MessageTemplate;
            options.IncludeQueryInRequestPath = false;

            // Replaces the default properties, which include the request path.
            options.GetMessageTemplateProperties = (context, _, elapsedMs, statusCode) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("Route", new ScalarValue(RouteLabel.Of(context))),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
        });
    }
}
