using System.Globalization;

namespace Molecule.Docker.Client;

/// <summary>An Engine API version such as 1.41, ordered numerically (1.9 &lt; 1.41).</summary>
internal readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>The newest API our mapping was checked against; a newer daemon is spoken to at this version.</summary>
    public static readonly ApiVersion Newest = new(1, 47);

    /// <summary>Used when a daemon reports no readable API version; Debian's dockerd 20.10 speaks it.</summary>
    public static readonly ApiVersion Fallback = new(1, 41);

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        var parts = text?.Trim().Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ApiVersion(major, minor);
        return true;
    }

    /// <summary>The version to speak: the daemon's maximum, capped at what this client knows.</summary>
    public static ApiVersion Negotiate(string? serverMaximum) =>
        TryParse(serverMaximum, out var server)
            ? (server.CompareTo(Newest) < 0 ? server : Newest)
            : Fallback;

    public int CompareTo(ApiVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public Version ToVersion() => new(Major, Minor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
