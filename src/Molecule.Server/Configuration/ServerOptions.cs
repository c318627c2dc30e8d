using System.Globalization;
using Microsoft.Extensions.Options;

namespace Molecule.Server.Configuration;

/// <summary>
/// Settings only the host reads, under the reference's environment variable names. Kept as text so a
/// bad value is refused at start with a message naming the variable instead of a binder exception.
/// </summary>
internal sealed class ServerOptions
{
    public const int DefaultPort = 8080;
    public const int DefaultRateLimit = 600;

    [ConfigurationKeyName("PORT")]
    public string? PortSetting { get; set; }

    [ConfigurationKeyName("RATE_LIMIT")]
    public string? RateLimitSetting { get; set; }

    /// <summary>
    /// Requests per minute per client IP; valid once <see cref="ServerOptionsValidator"/> has passed.
    /// (The port is read by <see cref="ListenPort"/> before the host is built.)
    /// </summary>
    public int RateLimitPerMinute => TryParseRateLimit(RateLimitSetting, out var limit) ? limit : DefaultRateLimit;

    /// <summary>Unset or empty means the default, as in the reference.</summary>
    public static bool TryParsePort(string? setting, out int port)
    {
        port = DefaultPort;
        return string.IsNullOrEmpty(setting) ||
               (int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535);
    }

    public static bool TryParseRateLimit(string? setting, out int limit)
    {
        limit = DefaultRateLimit;
        return string.IsNullOrEmpty(setting) ||
               (int.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1);
    }
}

internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        if (!ServerOptions.TryParsePort(options.PortSetting, out _))
        {
            failures.Add($"PORT must be a whole number from 1 to 65535 (got '{options.PortSetting}')");
        }

        if (!ServerOptions.TryParseRateLimit(options.RateLimitSetting, out _))
        {
            failures.Add($"RATE_LIMIT must be a whole number of requests per minute, at least 1 (got '{options.RateLimitSetting}')");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
