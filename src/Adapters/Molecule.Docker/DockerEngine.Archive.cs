using System.Net;
using System.Text.Json;
using Docker.DotNet.Models;
using Molecule.Docker.Client;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    private const string PathStatHeader = "X-Docker-Container-Path-Stat";

    public Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken = default)
    {
        // The library's name for noOverwriteDirNonDir: never let a file replace a directory or back.
        var parameters = new CopyToContainerParameters { Path = path, AllowOverwriteDirWithFile = true };
        return _client.CallAsync(
            $"PUT /containers/{containerId}/archive",
            (docker, token) => docker.Containers.ExtractArchiveToContainerAsync(EngineNames.Segment(containerId), parameters, tar, token),
            cancellationToken);
    }

    public async Task<DockerArchive> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken = default)
    {
        var archive = await ReadArchiveAsync(containerId, path, statOnly: false, cancellationToken);
        return new DockerArchive(ToStat(archive.Stat), new ArchiveStream(archive.Stream!));
    }

    public async Task<DockerPathStat> StatPathAsync(string containerId, string path, CancellationToken cancellationToken = default) =>
        ToStat((await ReadArchiveAsync(containerId, path, statOnly: true, cancellationToken)).Stat);

    private Task<ContainerArchiveResponse> ReadArchiveAsync(string containerId, string path, bool statOnly, CancellationToken cancellationToken) =>
        _client.CallAsync(
            $"{(statOnly ? "HEAD" : "GET")} /containers/{containerId}/archive",
            async (docker, token) =>
            {
                try
                {
                    return await docker.Containers.GetArchiveFromContainerAsync(
                        EngineNames.Segment(containerId), new ContainerPathStatParameters { Path = path }, statOnly, token);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
                {
                    // The library decodes the stat header itself and fails this way when it is missing or garbled.
                    throw new DockerApiException(HttpStatusCode.InternalServerError, $"no readable {PathStatHeader} for {path}: {e.Message}");
                }
            },
            cancellationToken);

    private static DockerPathStat ToStat(ContainerPathStatResponse stat) =>
        new(stat.Name, stat.Size, stat.Mode, DockerTime.FromLibrary(stat.Mtime), ContainerMapping.NullIfEmpty(stat.LinkTarget));
}
