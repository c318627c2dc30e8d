using Docker.DotNet.Models;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<DockerVolume> CreateVolumeAsync(
        string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var parameters = new VolumesCreateParameters { Name = name, Driver = "local", Labels = labels?.ToDictionary() };
        return FromLibrary(await _client.CallAsync(
            "POST /volumes/create", (docker, token) => docker.Volumes.CreateAsync(parameters, token), cancellationToken));
    }

    public async Task<DockerVolume> InspectVolumeAsync(string name, CancellationToken cancellationToken = default) =>
        FromLibrary(await _client.CallAsync(
            $"GET /volumes/{name}", (docker, token) => docker.Volumes.InspectAsync(EngineNames.Segment(name), token), cancellationToken));

    /// <summary>
    /// Docker.DotNet 4.4.1 does not send <paramref name="force"/>. The engine's force only purges a
    /// volume whose driver fails to remove it; a volume in use is a conflict either way.
    /// </summary>
    public Task RemoveVolumeAsync(string name, bool force = false, CancellationToken cancellationToken = default) =>
        _client.CallAsync(
            $"DELETE /volumes/{name}", (docker, token) => docker.Volumes.RemoveAsync(EngineNames.Segment(name), force, token), cancellationToken);

    public async Task<IReadOnlyList<DockerVolume>> ListVolumesAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default)
    {
        var parameters = new VolumesListParameters { Filters = EngineNames.Filters(("label", labels)) };
        var listed = await _client.CallAsync("GET /volumes", (docker, token) => docker.Volumes.ListAsync(parameters, token), cancellationToken);
        return [.. (listed.Volumes ?? []).Select(FromLibrary)];
    }

    private static DockerVolume FromLibrary(VolumeResponse volume) =>
        new(
            volume.Name,
            ContainerMapping.NullIfEmpty(volume.Driver),
            ContainerMapping.NullIfEmpty(volume.Mountpoint),
            DockerTime.Parse(volume.CreatedAt),
            ContainerMapping.Labels(volume.Labels));
}
