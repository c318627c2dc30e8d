using System.Globalization;
using Serilog;
using Serilog.Formatting.Compact;

namespace Molecule.Server.Logging;

internal static class MoleculeLogging
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog carries every log: levels from <c>Logging:LogLevel</c> (<see cref="SerilogLevels"/>),
    /// the format from <c>LOG_FORMAT</c> (<see cref="LogFormats"/>). Providers registered in the
    /// container (test captures) still receive events. The static <see cref="Log.Logger"/> is left
    /// alone: several hosts may share one process.
    /// </summary>
    public static WebApplicationBuilder AddMoleculeLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();

        // Configured when the container is built, so settings a test host adds late are seen.
        builder.Services.AddSerilog(
            (services, logger) => Configure(logger, services.GetRequiredService<IConfiguration>(), !Console.IsOutputRedirected),
            preserveStaticLogger: true,
            writeToProviders: true);
        return builder;
    }

    internal static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, bool stdoutIsTerminal)
    {
        var (defaultLevel, overrides) = SerilogLevels.Read(configuration);
        logger.MinimumLevel.Is(defaultLevel).Enrich.FromLogContext();
        foreach (var (category, level) in overrides)
        {
            logger.MinimumLevel.Override(category, level);
        }

        return LogFormats.Choose(configuration[LogFormats.Variable], stdoutIsTerminal) == LogFormat.Json
            ? logger.WriteTo.Console(new CompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
    }
}
