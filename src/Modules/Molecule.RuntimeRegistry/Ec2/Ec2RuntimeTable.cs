using System.Globalization;

namespace Molecule.RuntimeRegistry.Ec2;

/// <summary>
/// Runtime → AMI and minimum root volume. A pin for the runtime in the launch region wins over a
/// pin for the runtime alone, which wins over <c>EC2_AMI</c>. hermes needs at least 50 GB: its
/// first-boot install alone fills 18–25 GB.
/// </summary>
internal sealed class Ec2RuntimeTable
{
    public const int HermesMinimumRootVolumeGb = 50;

    private static readonly IReadOnlyDictionary<string, int> BuiltInMinimums = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["hermes"] = HermesMinimumRootVolumeGb,
    };

    private readonly string? _defaultAmi;
    private readonly Dictionary<string, string> _pins;
    private readonly Dictionary<string, int> _minimums;

    public Ec2RuntimeTable(string? defaultAmi, string? pins, string? minimumVolumes)
    {
        _defaultAmi = string.IsNullOrWhiteSpace(defaultAmi) ? null : defaultAmi.Trim();
        _pins = ParsePins(pins).Pins;
        _minimums = new Dictionary<string, int>(BuiltInMinimums, StringComparer.Ordinal);
        foreach (var (runtime, gigabytes) in ParseVolumes(minimumVolumes).Volumes)
        {
            // Configuration may raise hermes' floor, never lower it below what its install needs.
            _minimums[runtime] = runtime == "hermes" ? Math.Max(gigabytes, HermesMinimumRootVolumeGb) : gigabytes;
        }
    }

    public string? AmiFor(string runtime, string region)
    {
        var key = runtime.Trim();
        return _pins.GetValueOrDefault($"{key}@{region.Trim()}") ?? _pins.GetValueOrDefault(key) ?? _defaultAmi;
    }

    /// <summary>The smallest root volume the runtime fits on; 0 when only the tier decides.</summary>
    public int MinimumRootVolumeGb(string runtime) => _minimums.GetValueOrDefault(runtime.Trim());

    public static (Dictionary<string, string> Pins, List<string> Malformed) ParsePins(string? text)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        var malformed = new List<string>();
        foreach (var (key, value, entry) in Pairs(text))
        {
            if (key.Length > 0 && value.StartsWith("ami-", StringComparison.Ordinal) && !key.EndsWith('@'))
            {
                pins[key] = value;
            }
            else
            {
                malformed.Add(entry);
            }
        }

        return (pins, malformed);
    }

    public static (Dictionary<string, int> Volumes, List<string> Malformed) ParseVolumes(string? text)
    {
        var volumes = new Dictionary<string, int>(StringComparer.Ordinal);
        var malformed = new List<string>();
        foreach (var (key, value, entry) in Pairs(text))
        {
            if (key.Length > 0 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var gigabytes) && gigabytes is >= 1 and <= 16_384)
            {
                volumes[key] = gigabytes;
            }
            else
            {
                malformed.Add(entry);
            }
        }

        return (volumes, malformed);
    }

    private static IEnumerable<(string Key, string Value, string Entry)> Pairs(string? text)
    {
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            yield return parts.Length == 2 ? (parts[0], parts[1], entry) : ("", "", entry);
        }
    }
}
