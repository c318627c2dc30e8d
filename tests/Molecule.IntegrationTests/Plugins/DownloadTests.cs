using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

public sealed class DownloadTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    [Fact]
    public async Task A_local_plugin_downloads_as_a_gzip_tar_relative_to_its_root()
    {
        app.AddRegistryPlugin("dl-careful", PluginSamples.CarefulBash());
        var workspace = await app.CreateWorkspaceAsync();

        var response = await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/dl-careful/download");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/gzip");
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe("attachment; filename=\"dl-careful.tar.gz\"");
        response.Headers.GetValues("X-Plugin-Name").ShouldBe(["dl-careful"]);
        response.Headers.GetValues("X-Plugin-Source").ShouldBe(["local://dl-careful"]);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        bytes[..2].ShouldBe(new byte[] { 0x1f, 0x8b });
        PluginsTarballs.ReadTarGz(bytes).ShouldBe(
        [
            new(".hidden/", null),
            new(".hidden/config", "x=1\n"),
            new("plugin.yaml", PluginSamples.CarefulBashYaml),
            new("skills/", null),
            new("skills/careful/", null),
            new("skills/careful/SKILL.md", "# careful\n"),
        ]);
    }

    [Fact]
    public async Task A_github_source_downloads_from_the_configured_host()
    {
        app.Github.Serve("acme", "dl-gh", "v1.0.0", PluginsTarballs.GithubTarball("dl-gh-1.0.0", PluginsTarItem.File("plugin.yaml", "version: 1.0.0\n")));
        var workspace = await app.CreateWorkspaceAsync();

        var response = await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/dl-gh/download?source=github://acme/dl-gh%23v1.0.0");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.GetValues("X-Plugin-Source").ShouldBe(["github://acme/dl-gh#v1.0.0"]);
        PluginsTarballs.ReadTarGz(await response.Content.ReadAsByteArrayAsync()).ShouldBe([new("plugin.yaml", "version: 1.0.0\n")]);
    }

    [Fact]
    public async Task A_source_resolving_to_another_name_is_refused()
    {
        app.AddRegistryPlugin("dl-real", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync();

        var body = await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/dl-other/download?source=local://dl-real"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "source resolved to plugin \"dl-real\" but URL requested \"dl-other\"");

        body["resolved_name"]!.GetValue<string>().ShouldBe("dl-real");
        body["requested_name"]!.GetValue<string>().ShouldBe("dl-other");
    }

    [Fact]
    public async Task Once_the_workspace_has_a_token_only_its_own_bearer_downloads()
    {
        app.AddRegistryPlugin("dl-gated", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync();
        var other = await app.CreateWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);
        var otherToken = await app.IssueWorkspaceTokenAsync(other);
        var path = $"/workspaces/{workspace}/plugins/dl-gated/download";

        await (await app.Admin().GetAsync(path)).ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        await (await app.Client(otherToken).GetAsync(path)).ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        await (await app.Client().GetAsync(path)).ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "missing workspace auth token");
        (await app.Client(token).GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Downloads_work_for_ec2_workspaces_since_no_compute_is_involved()
    {
        app.AddRegistryPlugin("dl-ec2", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync(instanceId: "i-0123456789abcdef0");

        (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/dl-ec2/download")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_names_sources_and_workspaces_are_refused()
    {
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/a..b/download"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid plugin name");
        await (await app.Admin().GetAsync($"/workspaces/{Guid.NewGuid()}/plugins/p/download"))
            .ShouldBeErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await (await app.Admin().GetAsync("/workspaces/not-a-uuid/plugins/p/download"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid workspace ID");
        var missing = await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/dl-missing/download"))
            .ShouldBeErrorAsync(HttpStatusCode.NotFound, "failed to fetch plugin from local");
        missing["source"]!.GetValue<string>().ShouldBe("local://dl-missing");
        await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/p/download?source=github://o/p"))
            .ShouldBeErrorAsync(HttpStatusCode.UnprocessableEntity, Molecule.Plugins.Sources.SourceCheck.UnpinnedError);
        await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/p/download?source=ftp://x/p"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "failed to resolve plugin source");
    }
}
