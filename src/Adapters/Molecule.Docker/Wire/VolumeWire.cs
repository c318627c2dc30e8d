namespace Molecule.Docker.Wire;

internal sealed class VolumeCreateWire
{
    public required string Name { get; set; }
    public string Driver { get; set; } = "local";
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class VolumeWire
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public string? Mountpoint { get; set; }
    public string? CreatedAt { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class VolumeListWire
{
    public List<VolumeWire>? Volumes { get; set; }
}
