using System.Net;
using Molecule.Docker.Streams;
using Molecule.Docker.Transport;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken = default)
    {
        var request = new DockerRequest(HttpMethod.Put, $"containers/{DockerPath.Segment(containerId)}/archive").WithTar(tar);
        request.Query.Add("path", path).Add("noOverwriteDirNonDir", true);
        return _client.SendForStatusAsync(request, cancellationToken);
    }

    public async Task<DockerArchive> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken = default)
    {
        var response = await _client.SendStreamingAsync(ArchiveRequest(HttpMethod.Get, containerId, path), cancellationToken);
        try
        {
            var stat = ReadStat(response, path);
            return new DockerArchive(stat, await response.Content.ReadAsStreamAsync(cancellationToken), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async Task<DockerPathStat> StatPathAsync(string containerId, string path, CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync(ArchiveRequest(HttpMethod.Head, containerId, path), cancellationToken);
        return ReadStat(response, path);
    }

    private static DockerRequest ArchiveRequest(HttpMethod method, string containerId, string path)
    {
        var request = new DockerRequest(method, $"containers/{DockerPath.Segment(containerId)}/archive");
        request.Query.Add("path", path);
        return request;
    }

    private static DockerPathStat ReadStat(HttpResponseMessage response, string path) =>
        PathStatHeader.Decode(Header(response, PathStatHeader.Name))
        ?? throw new DockerApiException(HttpStatusCode.InternalServerError, $"no readable {PathStatHeader.Name} for {path}");
}
