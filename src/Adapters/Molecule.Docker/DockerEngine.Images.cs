using System.Net;
using System.Text;
using System.Text.Json;
using Molecule.Docker.Streams;
using Molecule.Docker.Transport;
using Molecule.Docker.Wire;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    public async Task<DockerImage> InspectImageAsync(string image, CancellationToken cancellationToken = default)
    {
        var request = DockerRequest.Get($"images/{DockerPath.Image(image)}/json");
        var wire = await _client.SendForJsonAsync(request, DockerJsonContext.Default.ImageInspectWire, cancellationToken);
        var config = wire.Config;
        return new DockerImage(
            wire.Id ?? "",
            wire.RepoTags ?? [],
            DockerTime.Parse(wire.Created),
            wire.Architecture,
            wire.Os,
            wire.Size,
            config?.Env ?? [],
            config?.Cmd,
            config?.Entrypoint,
            NullIfEmpty(config?.WorkingDir),
            NullIfEmpty(config?.User),
            Labels(config?.Labels));
    }

    public async Task PullImageAsync(
        string image, DockerRegistryAuth? auth = null, Action<DockerPullProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (repository, tag) = ImageReference.Split(image);
        var request = DockerRequest.Post("images/create");
        request.Query.Add("fromImage", repository).Add("tag", tag);
        if (auth is not null)
        {
            request.Headers.Add(new("X-Registry-Auth", EncodeRegistryAuth(auth)));
        }

        using var response = await _client.SendStreamingAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var line in JsonLines.ReadAsync(body, DockerJsonContext.Default.ProgressLineWire, cancellationToken))
        {
            ThrowIfError(line);
            progress?.Invoke(new DockerPullProgress(
                line.Status, line.Id, line.Progress, line.ProgressDetail?.Current, line.ProgressDetail?.Total));
        }

        DockerLog.ImagePulled(_logger, image);
    }

    public async Task<string> ImportImageAsync(
        Stream rootfsTar, string reference, IReadOnlyList<string>? changes = null, CancellationToken cancellationToken = default)
    {
        var (repository, tag) = ImageReference.Split(reference);
        var request = DockerRequest.Post("images/create").WithTar(rootfsTar);
        request.Query.Add("fromSrc", "-").Add("repo", repository).Add("tag", tag);
        foreach (var change in changes ?? [])
        {
            request.Query.Add("changes", change);
        }

        using var response = await _client.SendStreamingAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        string? imageId = null;
        await foreach (var line in JsonLines.ReadAsync(body, DockerJsonContext.Default.ProgressLineWire, cancellationToken))
        {
            ThrowIfError(line);
            if (line.Status?.StartsWith("sha256:", StringComparison.Ordinal) == true)
            {
                imageId = line.Status.Trim();
            }
        }

        if (imageId is null)
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, $"import of {reference} reported no image id");
        }

        DockerLog.ImageImported(_logger, reference, imageId);
        return imageId;
    }

    /// <summary>Progress streams answer 200 first and report failures in a line of their own.</summary>
    private static void ThrowIfError(ProgressLineWire line)
    {
        var error = line.ErrorDetail?.Message ?? line.Error;
        if (!string.IsNullOrEmpty(error))
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, error);
        }
    }

    /// <summary>URL-safe base64 (padded) of the auth JSON, as the engine decodes it.</summary>
    private static string EncodeRegistryAuth(DockerRegistryAuth auth)
    {
        var json = JsonSerializer.Serialize(
            new RegistryAuthWire { Username = auth.Username, Password = auth.Password, ServerAddress = auth.ServerAddress },
            DockerJsonContext.Default.RegistryAuthWire);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
