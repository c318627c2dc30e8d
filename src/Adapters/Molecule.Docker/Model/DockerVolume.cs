namespace Molecule.Docker;

/// <summary>A named volume.</summary>
public sealed record DockerVolume(
    string Name, string? Driver, string? Mountpoint, DateTimeOffset? CreatedAt, IReadOnlyDictionary<string, string> Labels);
