using Serilog.Events;

namespace Molecule.Server.Logging;

/// <summary>
/// The <c>Logging:LogLevel</c> section (<c>Logging__LogLevel__Default</c>,
/// <c>Logging__LogLevel__&lt;category&gt;</c>) as Serilog levels, so the variables operators and
/// tests already set keep working with Serilog in charge of logging.
/// </summary>
internal static class SerilogLevels
{
    public const string Section = "Logging:LogLevel";

    /// <summary>The framework's own request logs carry full URLs, query strings included, which can hold tokens.</summary>
    public const string FrameworkCategory = "Microsoft.AspNetCore";

    /// <summary>Above every real level: what <c>None</c> means.</summary>
    public const LogEventLevel Off = LogEventLevel.Fatal + 1;

    /// <summary>The default level (Information when unset) and one override per configured category.</summary>
    /// <exception cref="InvalidOperationException">A value that is not a level, naming its variable.</exception>
    public static (LogEventLevel Default, IReadOnlyDictionary<string, LogEventLevel> Overrides) Read(IConfiguration configuration)
    {
        var defaultLevel = LogEventLevel.Information;
        var overrides = new Dictionary<string, LogEventLevel>(StringComparer.Ordinal)
        {
            [FrameworkCategory] = LogEventLevel.Warning,
        };
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var level = Parse(entry.Key, entry.Value);
            if (entry.Key == "Default")
            {
                defaultLevel = level;
            }
            else
            {
                overrides[entry.Key] = level;
            }
        }

        return (defaultLevel, overrides);
    }

    private static LogEventLevel Parse(string category, string? value) =>
        Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _)
            ? level switch
            {
                LogLevel.Trace => LogEventLevel.Verbose,
                LogLevel.Debug => LogEventLevel.Debug,
                LogLevel.Information => LogEventLevel.Information,
                LogLevel.Warning => LogEventLevel.Warning,
                LogLevel.Error => LogEventLevel.Error,
                LogLevel.Critical => LogEventLevel.Fatal,
                _ => Off,
            }
            : throw new InvalidOperationException(
                $"Logging__LogLevel__{category} must be Trace, Debug, Information, Warning, Error, Critical or None, got \"{value}\"");
}
