using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Plugins.Http;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Sources;

/// <summary>
/// <c>github://owner/repo[#ref]</c>: the repository's tarball at that ref, from
/// <c>PLUGINS_GITHUB_BASE_URL</c> (codeload.github.com by default), unpacked without its
/// <c>&lt;repo&gt;-&lt;ref&gt;/</c> wrapper directory. Unlike the reference's <c>git clone --branch</c>,
/// a commit SHA works as a pin.
/// </summary>
internal sealed class GithubPluginResolver(
    IHttpClientFactory httpClients,
    IOptions<PluginsOptions> options,
    ILogger<GithubPluginResolver> logger) : IPluginSourceResolver
{
    public const string ClientName = "plugins-github";

    public string Scheme => PluginSource.Github;

    public async Task<string> FetchAsync(string spec, string destination, StagingBudget budget, CancellationToken cancellationToken)
    {
        if (!GithubSpec.TryParse(spec, out var github))
        {
            throw new PluginFetchException(PluginFetchFailure.Failed, $"github source {spec} is not owner/repo[#ref]");
        }

        var url = github.TarballUrl(options.Value.GithubBaseUrl);
        try
        {
            using var response = await httpClients.CreateClient(ClientName)
                .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new PluginFetchException(PluginFetchFailure.NotFound, $"{url} answered 404: no such repository or ref");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PluginFetchException(PluginFetchFailure.Failed, $"{url} answered {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var tar = new GZipStream(body, CompressionMode.Decompress);
            var extraction = await SafeTarExtractor.ExtractAsync(tar, destination, budget, stripComponents: 1, cancellationToken);
            logger.TarballUnpacked(spec, extraction.Files, extraction.LinksCopied, extraction.LinksSkipped);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidDataException or IOException or UnsafeArchiveException)
        {
            throw new PluginFetchException(PluginFetchFailure.Failed, $"fetching {url} failed: {exception.Message}", exception);
        }

        return github.Repo;
    }
}
