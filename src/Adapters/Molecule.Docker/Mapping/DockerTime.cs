using System.Globalization;

namespace Molecule.Docker.Mapping;

/// <summary>Parses the engine's RFC 3339 times, which carry nanoseconds and use year 1 for "never".</summary>
internal static class DockerTime
{
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.StartsWith("0001-01-01", StringComparison.Ordinal))
        {
            return null;
        }

        // .NET reads at most 7 fractional digits: cut the nanoseconds down to ticks.
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < value.Length && char.IsAsciiDigit(value[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                value = string.Concat(value.AsSpan(0, dot + 8), value.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    /// <summary>A time the library already parsed; its year-1 value means "never".</summary>
    public static DateTimeOffset? FromLibrary(DateTime? value)
    {
        if (value is not { Year: > 1 } time)
        {
            return null;
        }

        return time.Kind == DateTimeKind.Local
            ? new DateTimeOffset(time.ToUniversalTime())
            : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }

    public static DateTimeOffset FromUnixNanoseconds(long nanoseconds, long seconds) =>
        nanoseconds > 0
            ? DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100)
            : DateTimeOffset.FromUnixTimeSeconds(seconds);
}
