namespace Molecule.Server.Logging;

/// <summary>How log events reach stdout: <c>LOG_FORMAT</c>, else by whether a person is watching.</summary>
internal enum LogFormat
{
    /// <summary>One compact JSON object per line (CLEF), for containers, CI and log shippers.</summary>
    Json,

    /// <summary>One readable line per event, for a terminal.</summary>
    Text,
}

internal static class LogFormats
{
    public const string Variable = "LOG_FORMAT";

    /// <summary><paramref name="configured"/> when set (<c>json</c> or <c>text</c>, any case); unset: text on a terminal, else JSON.</summary>
    /// <exception cref="InvalidOperationException">Any other value, naming the variable.</exception>
    public static LogFormat Choose(string? configured, bool stdoutIsTerminal) =>
        configured?.Trim().ToLowerInvariant() switch
        {
            null or "" => stdoutIsTerminal ? LogFormat.Text : LogFormat.Json,
            "json" => LogFormat.Json,
            "text" => LogFormat.Text,
            _ => throw new InvalidOperationException($"{Variable} must be json or text, got \"{configured}\""),
        };
}
