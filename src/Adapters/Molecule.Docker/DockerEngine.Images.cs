using System.Net;
using Docker.DotNet.Models;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<DockerImage> InspectImageAsync(string image, CancellationToken cancellationToken = default)
    {
        var response = await _client.CallAsync(
            $"GET /images/{image}/json",
            (docker, token) => docker.Images.InspectImageAsync(EngineNames.Image(image), token),
            cancellationToken);
        var config = response.Config;
        return new DockerImage(
            response.ID,
            [.. response.RepoTags ?? []],
            DockerTime.FromLibrary(response.Created),
            ContainerMapping.NullIfEmpty(response.Architecture),
            ContainerMapping.NullIfEmpty(response.Os),
            response.Size,
            [.. config?.Env ?? []],
            config?.Cmd is { } cmd ? [.. cmd] : null,
            config?.Entrypoint is { } entrypoint ? [.. entrypoint] : null,
            ContainerMapping.NullIfEmpty(config?.WorkingDir),
            ContainerMapping.NullIfEmpty(config?.User),
            ContainerMapping.Labels(config?.Labels));
    }

    public async Task PullImageAsync(
        string image, DockerRegistryAuth? auth = null, Action<DockerPullProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (repository, tag) = ImageReference.Split(image);
        var parameters = new ImagesCreateParameters { FromImage = repository, Tag = tag };
        var registryAuth = auth is null
            ? null
            : new AuthConfig { Username = auth.Username, Password = auth.Password, ServerAddress = auth.ServerAddress };
        var lines = new ProgressLines(line => progress?.Invoke(
            new DockerPullProgress(line.Status, line.ID, line.Progress?.Current, line.Progress?.Total)));

        // A pull runs as long as the registry needs: the caller's token bounds it.
        await _client.CallUntilDoneAsync(
            $"POST /images/create?fromImage={repository}",
            async (docker, token) =>
            {
                await docker.Images.CreateImageAsync(parameters, registryAuth, lines, token);
                return true;
            },
            cancellationToken);
        DockerLog.ImagePulled(_logger, image);
    }

    public async Task<string> ImportImageAsync(
        Stream rootfsTar, string reference, IReadOnlyList<string>? changes = null, CancellationToken cancellationToken = default)
    {
        var (repository, tag) = ImageReference.Split(reference);
        var parameters = new ImagesCreateParameters { Repo = repository, Tag = tag, Changes = changes?.ToList() };
        string? imageId = null;
        var lines = new ProgressLines(line =>
        {
            if (line.Status?.StartsWith("sha256:", StringComparison.Ordinal) == true)
            {
                imageId = line.Status.Trim();
            }
        });

        await _client.CallUntilDoneAsync(
            $"POST /images/create?fromSrc=-&repo={repository}",
            async (docker, token) =>
            {
                await docker.Images.CreateImageAsync(parameters, rootfsTar, null, lines, token);
                return true;
            },
            cancellationToken);
        if (imageId is null)
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, $"import of {reference} reported no image id");
        }

        DockerLog.ImageImported(_logger, reference, imageId);
        return imageId;
    }

    /// <summary>
    /// Progress streams answer 200 first and report a failure in a line of their own: that line
    /// throws, which ends the library's read of the stream. Lines arrive in order, on the reader.
    /// </summary>
    private sealed class ProgressLines(Action<JSONMessage> onLine) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            if (value.Error?.Message is { Length: > 0 } error)
            {
                throw new DockerApiException(HttpStatusCode.InternalServerError, error);
            }

            onLine(value);
        }
    }
}
