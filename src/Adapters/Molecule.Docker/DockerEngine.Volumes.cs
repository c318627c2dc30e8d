using Molecule.Docker.Streams;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<DockerVolume> CreateVolumeAsync(
        string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var request = DockerRequest.Post("volumes/create")
            .WithJson(new VolumeCreateWire { Name = name, Labels = labels?.ToDictionary() }, DockerJsonContext.Default.VolumeCreateWire);
        return FromWire(await _client.SendForJsonAsync(request, DockerJsonContext.Default.VolumeWire, cancellationToken));
    }

    public async Task<DockerVolume> InspectVolumeAsync(string name, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get($"volumes/{DockerPath.Segment(name)}");
        return FromWire(await _client.SendForJsonAsync(request, DockerJsonContext.Default.VolumeWire, cancellationToken));
    }

    public Task RemoveVolumeAsync(string name, bool force = false, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Delete($"volumes/{DockerPath.Segment(name)}");
        request.Query.Add("force", force);
        return _client.SendForStatusAsync(request, cancellationToken);
    }

    public async Task<IReadOnlyList<DockerVolume>> ListVolumesAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get("volumes");
        if (labels.Count > 0)
        {
            request.Query.Add("filters", FiltersJson(new() { ["label"] = [.. labels] }));
        }

        var wire = await _client.SendForJsonAsync(request, DockerJsonContext.Default.VolumeListWire, cancellationToken);
        return (wire.Volumes ?? []).Select(FromWire).ToList();
    }

    private static DockerVolume FromWire(VolumeWire wire) =>
        new(wire.Name ?? "", wire.Driver, wire.Mountpoint, DockerTime.Parse(wire.CreatedAt), Labels(wire.Labels));
}
