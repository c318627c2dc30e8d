using System.Globalization;

namespace Molecule.Provisioner.Ec2;

/// <summary>One tier's instance: its type and root volume.</summary>
internal sealed record Ec2InstanceSize(string InstanceType, int RootVolumeGb);

/// <summary>
/// Tier → instance (spec/ec2-backend.md): 3 is t3.medium with 40 GB, 4 is t3.large with 80 GB, and
/// every tier the table does not name — 1, 2 and anything unknown — is clamped to tier 4, so a
/// workspace never falls through to a size too small for its agent. The table is configuration;
/// entries replace these defaults tier by tier.
/// </summary>
internal sealed class Ec2TierTable
{
    public const int ClampTier = 4;

    private static readonly IReadOnlyDictionary<int, Ec2InstanceSize> Defaults = new Dictionary<int, Ec2InstanceSize>
    {
        [3] = new("t3.medium", 40),
        [4] = new("t3.large", 80),
    };

    private readonly Dictionary<int, Ec2InstanceSize> _sizes;

    public Ec2TierTable(string? configured)
    {
        _sizes = new Dictionary<int, Ec2InstanceSize>(Defaults);
        foreach (var (tier, size) in Parse(configured).Sizes)
        {
            _sizes[tier] = size;
        }
    }

    /// <summary>The size of <paramref name="tier"/>, raised to the runtime's minimum root volume.</summary>
    public Ec2InstanceSize For(int tier, int minimumRootVolumeGb)
    {
        var size = _sizes.TryGetValue(tier, out var own) ? own : _sizes[ClampTier];
        return size.RootVolumeGb >= minimumRootVolumeGb ? size : size with { RootVolumeGb = minimumRootVolumeGb };
    }

    public static (Dictionary<int, Ec2InstanceSize> Sizes, List<string> Malformed) Parse(string? text)
    {
        var sizes = new Dictionary<int, Ec2InstanceSize>();
        var malformed = new List<string>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            var size = parts.Length == 2 ? parts[1].Split('/', 2, StringSplitOptions.TrimEntries) : [];
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tier) && tier >= 1
                && size.Length == 2 && size[0].Length > 0 && !size[0].Any(char.IsWhiteSpace)
                && int.TryParse(size[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gigabytes) && gigabytes is >= 8 and <= 16_384)
            {
                sizes[tier] = new Ec2InstanceSize(size[0], gigabytes);
            }
            else
            {
                malformed.Add(entry);
            }
        }

        return (sizes, malformed);
    }
}
