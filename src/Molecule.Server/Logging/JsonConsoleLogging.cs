using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace Molecule.Server.Logging;

internal static class JsonConsoleLogging
{
    private const string FrameworkCategory = "Microsoft.AspNetCore";

    /// <summary>
    /// One JSON object per line on stdout through Serilog. Levels stay with Microsoft.Extensions.Logging
    /// (<c>Logging__LogLevel__Default=Debug</c> and so on): the provider is added directly because
    /// <c>AddSerilog</c> also installs a Trace-level rule for itself that overrides every configured level.
    /// </summary>
    public static ILoggingBuilder AddSerilogJsonConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .WriteTo.Console(new JsonFormatter(renderMessage: true))
            .CreateLogger();
        logging.ClearProviders().AddProvider(new SerilogLoggerProvider(logger, dispose: true));

        // The framework's own request logs carry full URLs, query strings included, which can hold
        // tokens; RequestLoggingMiddleware logs requests instead. Configuration may still lower it.
        if (configuration[$"Logging:LogLevel:{FrameworkCategory}"] is null)
        {
            logging.AddFilter(FrameworkCategory, LogLevel.Warning);
        }

        return logging;
    }
}
