using System.Net;
using Molecule.Plugins.Sources;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

/// <summary>
/// Every way an install is refused before anything reaches a container: these need no Docker, and a
/// plugin that passes every check ends at 503 because no container runs.
/// </summary>
public sealed class InstallRefusalTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest, "invalid request body")]
    [InlineData("""{"source":5}""", HttpStatusCode.BadRequest, "invalid request body")]
    [InlineData("{}", HttpStatusCode.BadRequest, "'source' is required (e.g. \"local://my-plugin\" or \"github://owner/repo\")")]
    [InlineData("""{"source":"  "}""", HttpStatusCode.BadRequest, "'source' is required (e.g. \"local://my-plugin\" or \"github://owner/repo\")")]
    [InlineData("""{"source":"github://"}""", HttpStatusCode.BadRequest, "invalid plugin source")]
    [InlineData("""{"source":"ftp://host/p"}""", HttpStatusCode.BadRequest, "failed to resolve plugin source")]
    [InlineData("""{"source":"local://a\\b"}""", HttpStatusCode.BadRequest, "invalid plugin name")]
    [InlineData("""{"source":"a..b"}""", HttpStatusCode.BadRequest, "invalid plugin name")]
    [InlineData("""{"source":"github://acme/p"}""", HttpStatusCode.UnprocessableEntity, SourceCheck.UnpinnedError)]
    [InlineData("""{"source":"local://Upper"}""", HttpStatusCode.BadGateway, "failed to fetch plugin from local")]
    [InlineData("""{"source":"local://not-in-registry"}""", HttpStatusCode.NotFound, "failed to fetch plugin from local")]
    [InlineData("""{"source":"github://acme/unknown#v1"}""", HttpStatusCode.NotFound, "failed to fetch plugin from github")]
    [InlineData("""{"source":"github://acme/bad spec#v1"}""", HttpStatusCode.BadGateway, "failed to fetch plugin from github")]
    public async Task Bad_requests_and_sources_are_refused_with_the_reference_texts(string json, HttpStatusCode status, string error)
    {
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().PostAsync($"/workspaces/{workspace}/plugins", PluginsHttp.Json(json))).ShouldBeErrorAsync(status, error);
    }

    [Fact]
    public async Task Refusals_after_parsing_name_the_source()
    {
        var workspace = await app.CreateWorkspaceAsync();

        var unpinned = await (await app.Admin().InstallAsync(workspace, "github://acme/p")).ShouldBeErrorAsync(
            HttpStatusCode.UnprocessableEntity, SourceCheck.UnpinnedError);
        var missing = await (await app.Admin().InstallAsync(workspace, "  local://not-there ")).ShouldBeErrorAsync(
            HttpStatusCode.NotFound, "failed to fetch plugin from local");
        var unknown = await (await app.Admin().InstallAsync(workspace, "ftp://x")).ShouldBeErrorAsync(
            HttpStatusCode.BadRequest, "failed to resolve plugin source");

        unpinned["source"]!.GetValue<string>().ShouldBe("github://acme/p");
        missing["source"]!.GetValue<string>().ShouldBe("local://not-there");
        unknown["available_schemes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["github", "local"]);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_an_invalid_body()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var json = $$"""{"source":"p","sha256":"{{new string('a', 70 * 1024)}}"}""";

        await (await app.Admin().PostAsync($"/workspaces/{workspace}/plugins", PluginsHttp.Json(json)))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Fact]
    public async Task Unknown_and_malformed_workspaces_are_refused()
    {
        app.AddRegistryPlugin("refusal-ok", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });

        await (await app.Admin().InstallAsync(Guid.NewGuid(), "refusal-ok")).ShouldBeErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await (await app.Admin().PostAsync("/workspaces/nope/plugins", PluginsHttp.Json("""{"source":"refusal-ok"}""")))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid workspace ID");
    }

    [Fact]
    public async Task The_callers_sha256_must_match_plugin_yaml()
    {
        app.AddRegistryPlugin("refusal-pinned", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        app.AddRegistryPlugin("refusal-no-yaml", new Dictionary<string, string> { ["README.md"] = "x" });
        var workspace = await app.CreateWorkspaceAsync();
        var actual = PluginsHttp.Sha256Hex("version: 1\n");

        var mismatch = await (await app.Admin().InstallAsync(workspace, "refusal-pinned", new string('0', 64)))
            .ShouldBeErrorAsync(HttpStatusCode.UnprocessableEntity, $"sha256 mismatch: expected {new string('0', 64)}, got {actual}");
        await (await app.Admin().InstallAsync(workspace, "refusal-no-yaml", actual))
            .ShouldBeErrorAsync(HttpStatusCode.UnprocessableEntity, "sha256 check failed: plugin.yaml not found in staged plugin");
        await (await app.Admin().InstallAsync(workspace, "refusal-pinned", actual.ToUpperInvariant()))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        mismatch["source"]!.GetValue<string>().ShouldBe("local://refusal-pinned");
    }

    [Fact]
    public async Task A_plugin_whose_manifest_digest_does_not_match_its_files_is_refused()
    {
        app.AddRegistryPlugin("refusal-tampered", new Dictionary<string, string>
        {
            ["plugin.yaml"] = "version: 1\n",
            ["manifest.json"] = $$"""{"sha256":"{{new string('1', 64)}}"}""",
        });
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "refusal-tampered"))
            .ShouldBeErrorAsync(HttpStatusCode.UnprocessableEntity, "plugin manifest integrity check failed");
    }

    [Fact]
    public async Task A_github_tarball_that_climbs_out_of_the_plugin_is_refused()
    {
        app.Github.Serve("acme", "evil", "v1", PluginsTarballs.GithubTarball(
            "evil-v1", PluginsTarItem.File("plugin.yaml", "version: 1\n"), PluginsTarItem.File("../../../tmp/molecule-escape", "x")));
        app.Github.Serve("acme", "evil-link", "v1", PluginsTarballs.GithubTarball(
            "evil-link-v1", PluginsTarItem.Symlink("passwd", "/etc/passwd")));
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "github://acme/evil#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.BadGateway, "failed to fetch plugin from github");
        await (await app.Admin().InstallAsync(workspace, "github://acme/evil-link#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.BadGateway, "failed to fetch plugin from github");
        File.Exists("/tmp/molecule-escape").ShouldBeFalse();
    }

    [Fact]
    public async Task A_body_that_is_not_a_gzip_tar_is_a_bad_gateway()
    {
        app.Github.Serve("acme", "garbage", "v1", "not a tarball"u8.ToArray());
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "github://acme/garbage#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.BadGateway, "failed to fetch plugin from github");
    }

    [Fact]
    public async Task Ec2_workspaces_answer_not_built()
    {
        app.AddRegistryPlugin("refusal-ec2", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync(instanceId: "i-0123456789abcdef0");

        await (await app.Admin().InstallAsync(workspace, "refusal-ec2"))
            .ShouldBeErrorAsync(HttpStatusCode.NotImplemented, "plugin install is not available on the ec2 backend");
    }

    [Fact]
    public async Task Without_a_running_container_a_valid_install_is_unavailable()
    {
        app.AddRegistryPlugin("refusal-nocontainer", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "refusal-nocontainer"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        app.Restarts.Requests.ShouldNotContain(request => request.WorkspaceId == workspace);
    }
}

/// <summary>Installs under settings other than the defaults: limits, timeouts, the SSRF rule, unpinned sources.</summary>
public sealed class InstallLimitTests
{
    [Fact]
    public async Task A_plugin_larger_than_the_staging_limit_is_refused()
    {
        await using var app = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["PLUGIN_INSTALL_MAX_DIR_BYTES"] = "1000" });
        app.AddRegistryPlugin("big", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n", ["data.bin"] = new string('x', 2000) });
        app.Github.Serve("acme", "big", "v1", PluginsTarballs.GithubTarball("big-v1", PluginsTarItem.File("blob", new string('y', 5000))));
        var workspace = await app.CreateWorkspaceAsync();

        var local = await (await app.Admin().InstallAsync(workspace, "big"))
            .ShouldBeErrorAsync(HttpStatusCode.RequestEntityTooLarge, "staged plugin exceeds size limit");
        await (await app.Admin().InstallAsync(workspace, "github://acme/big#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.RequestEntityTooLarge, "staged plugin exceeds size limit");
        local["source"]!.GetValue<string>().ShouldBe("local://big");
    }

    [Fact]
    public async Task A_fetch_that_outlasts_the_timeout_is_a_gateway_timeout()
    {
        await using var app = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["PLUGIN_INSTALL_FETCH_TIMEOUT"] = "1s" });
        app.Github.Hang("acme", "slow", "v1");
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "github://acme/slow#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.GatewayTimeout, "failed to fetch plugin from github");
    }

    [Fact]
    public async Task Unpinned_github_sources_fetch_the_default_branch_when_allowed()
    {
        await using var app = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["PLUGIN_ALLOW_UNPINNED"] = "true" });
        app.Github.Serve("acme", "floating", "HEAD", PluginsTarballs.GithubTarball("floating-main", PluginsTarItem.File("plugin.yaml", "version: 1\n")));
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "github://acme/floating"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        app.Github.Requests.ShouldContain("/acme/floating/tar.gz/HEAD");
    }

    [Fact]
    public async Task Outside_a_dev_environment_a_loopback_download_host_is_refused()
    {
        await using var app = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = "" });
        app.Github.Serve("acme", "local-only", "v1", PluginsTarballs.GithubTarball("x", PluginsTarItem.File("plugin.yaml", "version: 1\n")));
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().InstallAsync(workspace, "github://acme/local-only#v1"))
            .ShouldBeErrorAsync(HttpStatusCode.BadGateway, "failed to fetch plugin from github");
        app.Github.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_plugin_settings_stop_the_boot()
    {
        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var app = await PluginsApp.BootAsync(new Dictionary<string, string?> { ["PLUGIN_INSTALL_FETCH_TIMEOUT"] = "soon" });
        });

        error.ToString().ShouldContain("PLUGIN_INSTALL_FETCH_TIMEOUT");
    }
}
