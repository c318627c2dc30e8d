using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Http;
using Molecule.Plugins.Sources;
using Molecule.Plugins.Staging;

namespace Molecule.Tests.Plugins;

public sealed class PluginSourceTests
{
    [Theory]
    [InlineData("local://careful-bash", "local", "careful-bash")]
    [InlineData("  careful-bash  ", "local", "careful-bash")]
    [InlineData("GitHub://Owner/Repo#v1", "github", "Owner/Repo#v1")]
    [InlineData("github://  owner/repo  ", "github", "owner/repo")]
    [InlineData("s3+x.y-z://bucket/key", "s3+x.y-z", "bucket/key")]
    public void Sources_parse_into_scheme_and_spec(string raw, string scheme, string spec)
    {
        PluginSource.TryParse(raw, out var source).ShouldBeTrue();
        source.ShouldBe(new PluginSource(scheme, spec));
        source.ToString().ShouldBe($"{scheme}://{spec}");
    }

    [Theory]
    [InlineData("github://")]
    [InlineData("local://   ")]
    [InlineData("   ")]
    public void An_empty_spec_does_not_parse(string raw) => PluginSource.TryParse(raw, out _).ShouldBeFalse();

    [Theory]
    [InlineData("owner/repo", "owner", "repo", null)]
    [InlineData("Molecule-AI/molecule-ai-plugin-ecc#v1.2.0", "Molecule-AI", "molecule-ai-plugin-ecc", "v1.2.0")]
    [InlineData("o/r#0123456789abcdef0123456789abcdef01234567", "o", "r", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("o/r#feature/x_y.z", "o", "r", "feature/x_y.z")]
    public void Github_specs_parse(string spec, string owner, string repo, string? reference)
    {
        GithubSpec.TryParse(spec, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(new GithubSpec(owner, repo, reference));
    }

    [Theory]
    [InlineData("repo")]
    [InlineData("a/b/c")]
    [InlineData("-owner/repo")]
    [InlineData("owner/repo#")]
    [InlineData("owner/repo#-flag")]
    [InlineData("owner/repo#a/../../etc")]
    [InlineData("owner/repo#has space")]
    [InlineData("own er/repo")]
    public void Malformed_github_specs_do_not_parse(string spec) => GithubSpec.TryParse(spec, out _).ShouldBeFalse();

    [Fact]
    public void The_tarball_url_is_under_the_configured_base_and_defaults_to_head()
    {
        new GithubSpec("o", "r", "v1").TarballUrl("http://127.0.0.1:9/gh/").ToString().ShouldBe("http://127.0.0.1:9/gh/o/r/tar.gz/v1");
        new GithubSpec("o", "r", null).TarballUrl("https://codeload.github.com").ToString().ShouldBe("https://codeload.github.com/o/r/tar.gz/HEAD");
    }

    [Theory]
    [InlineData(null, 400, "'source' is required (e.g. \"local://my-plugin\" or \"github://owner/repo\")")]
    [InlineData("", 400, "'source' is required (e.g. \"local://my-plugin\" or \"github://owner/repo\")")]
    [InlineData("github://", 400, "invalid plugin source")]
    [InlineData("ftp://host/x", 400, "failed to resolve plugin source")]
    [InlineData("local://a/b", 400, "invalid plugin name")]
    [InlineData("..", 400, "invalid plugin name")]
    [InlineData("github://owner/repo", 422, SourceCheck.UnpinnedError)]
    public void Source_checks_answer_in_the_reference_order(string? raw, int status, string error)
    {
        var (source, result) = SourceCheck.Validate(raw, Sources(), allowUnpinned: false);

        source.ShouldBeNull();
        var apiError = result.ShouldBeOfType<ApiError>();
        apiError.StatusCode.ShouldBe(status);
        apiError.Error.ShouldBe(error);
    }

    [Fact]
    public async Task An_unknown_scheme_lists_the_available_ones()
    {
        var (_, result) = SourceCheck.Validate("ftp://x", Sources(), allowUnpinned: false);

        var body = await ExecuteAsync(result!);
        body.ShouldContain("\"available_schemes\":[\"github\",\"local\"]");
    }

    [Fact]
    public void Unpinned_github_passes_when_allowed_and_pinned_always_passes()
    {
        SourceCheck.Validate("github://o/r", Sources(), allowUnpinned: true).Source.ShouldBe(new PluginSource("github", "o/r"));
        SourceCheck.Validate("github://o/r#v1", Sources(), allowUnpinned: false).Source.ShouldBe(new PluginSource("github", "o/r#v1"));
        SourceCheck.Validate("careful-bash", Sources(), allowUnpinned: false).Source.ShouldBe(new PluginSource("local", "careful-bash"));
    }

    private static PluginSourceRegistry Sources() => new([new FakeResolver("local"), new FakeResolver("github")]);

    private static async Task<string> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        context.Response.StatusCode.ShouldBe((int)HttpStatusCode.BadRequest);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    private sealed class FakeResolver(string scheme) : IPluginSourceResolver
    {
        public string Scheme => scheme;

        public Task<string> FetchAsync(string spec, string destination, StagingBudget budget, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
