using System.Globalization;

namespace Molecule.Plugins.Configuration;

/// <summary>
/// Durations written the way the reference's settings are (Go's <c>time.ParseDuration</c>):
/// <c>5m</c>, <c>90s</c>, <c>1h30m</c>, <c>1.5h</c>, <c>250ms</c>; units ns, us, µs, ms, s, m, h.
/// </summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("μs", TimeSpan.TicksPerMicrosecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var rest = (text ?? "").Trim();
        if (rest.Length == 0)
        {
            return false;
        }

        var negative = rest[0] == '-';
        if (rest[0] is '-' or '+')
        {
            rest = rest[1..];
        }

        if (rest == "0")
        {
            return true;
        }

        double ticks = 0;
        while (rest.Length > 0)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(rest.AsSpan(0, numberLength), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unit = Units.Where(u => rest.StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return false;
            }

            ticks += amount * unit.Ticks;
            rest = rest[unit.Unit.Length..];
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }
}
