namespace Molecule.Docker.Wire;

internal sealed class ImageInspectWire
{
    public string? Id { get; set; }
    public List<string>? RepoTags { get; set; }
    public string? Created { get; set; }
    public string? Architecture { get; set; }
    public string? Os { get; set; }
    public long Size { get; set; }
    public ImageConfigWire? Config { get; set; }
}

internal sealed class ImageConfigWire
{
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string? WorkingDir { get; set; }
    public string? User { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}
