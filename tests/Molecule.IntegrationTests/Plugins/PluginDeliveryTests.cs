using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

/// <summary>Install, list and uninstall against a real workspace container on the private dockerd.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class PluginDeliveryTests(DockerEngineFixture docker, PluginsApp app) : IClassFixture<PluginsApp>
{
    [Fact]
    public async Task A_local_plugin_lands_in_the_container_owned_by_the_agent_and_restarts_the_workspace()
    {
        app.AddRegistryPlugin("careful-bash", PluginSamples.CarefulBash());
        var workspace = await app.CreateWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);

        var body = await (await app.Admin().InstallAsync(workspace, "careful-bash")).ShouldBeOkAsync();

        body.ToJsonString().ShouldBe("""{"plugin":"careful-bash","source":"local://careful-bash","status":"installed"}""");
        (await docker.ExecAsync(container, "cat", "/configs/plugins/careful-bash/plugin.yaml")).ShouldBe(PluginSamples.CarefulBashYaml);
        (await docker.ExecAsync(container, "cat", "/configs/plugins/careful-bash/skills/careful/SKILL.md")).ShouldBe("# careful\n");
        (await docker.ExecAsync(container, "cat", "/configs/plugins/careful-bash/.hidden/config")).ShouldBe("x=1\n");
        var owners = await docker.ExecAsync(container, "find", "/configs/plugins/careful-bash", "-exec", "stat", "-c", "%u:%g %n", "{}", ";");
        owners.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(7);
        owners.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith("1000:1000 "));
        var restarts = await app.Restarts.WaitForAsync(PluginsHttp.RestartWait, workspace);
        restarts.ShouldContain(request => request.WorkspaceId == workspace && request.Reason.Contains("careful-bash"));
    }

    [Fact]
    public async Task A_pinned_github_plugin_is_fetched_from_the_configured_host_and_installed()
    {
        app.Github.Serve("acme", "gh-plugin", "v1.2.0", PluginsTarballs.GithubTarball(
            "gh-plugin-1.2.0",
            PluginsTarItem.File("plugin.yaml", "version: 1.2.0\n"),
            PluginsTarItem.Dir("rules"),
            PluginsTarItem.File("rules/one.md", "rule one\n"),
            PluginsTarItem.Symlink("rules/alias.md", "one.md")));
        var workspace = await app.CreateWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);

        var body = await (await app.Admin().InstallAsync(workspace, "github://acme/gh-plugin#v1.2.0")).ShouldBeOkAsync();

        body["plugin"]!.GetValue<string>().ShouldBe("gh-plugin");
        body["source"]!.GetValue<string>().ShouldBe("github://acme/gh-plugin#v1.2.0");
        app.Github.Requests.ShouldContain("/acme/gh-plugin/tar.gz/v1.2.0");
        (await docker.ExecAsync(container, "cat", "/configs/plugins/gh-plugin/rules/one.md")).ShouldBe("rule one\n");
        (await docker.ExecAsync(container, "cat", "/configs/plugins/gh-plugin/rules/alias.md")).ShouldBe("rule one\n");
        await app.Restarts.WaitForAsync(PluginsHttp.RestartWait, workspace);
    }

    [Fact]
    public async Task A_reinstall_replaces_the_previous_version()
    {
        app.Github.Serve("acme", "versioned", "v1", PluginsTarballs.GithubTarball(
            "versioned-v1", PluginsTarItem.File("plugin.yaml", "version: 1\n"), PluginsTarItem.File("dropped.md", "old\n")));
        app.Github.Serve("acme", "versioned", "v2", PluginsTarballs.GithubTarball(
            "versioned-v2", PluginsTarItem.File("plugin.yaml", "version: 2\n")));
        var workspace = await app.CreateWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);

        await (await app.Admin().InstallAsync(workspace, "github://acme/versioned#v1")).ShouldBeOkAsync();
        await (await app.Admin().InstallAsync(workspace, "github://acme/versioned#v2")).ShouldBeOkAsync();

        (await docker.ExecAsync(container, "cat", "/configs/plugins/versioned/plugin.yaml")).ShouldBe("version: 2\n");
        (await docker.ExistsAsync(container, "/configs/plugins/versioned/dropped.md")).ShouldBeFalse();
    }

    [Fact]
    public async Task Installed_plugins_are_listed_with_runtime_support_and_checked_for_compatibility()
    {
        app.AddRegistryPlugin("list-cc", new Dictionary<string, string> { ["plugin.yaml"] = "version: 3\nruntimes: [claude_code]\n" });
        app.AddRegistryPlugin("list-any", new Dictionary<string, string> { ["plugin.yaml"] = "description: any\n" });
        var workspace = await app.CreateWorkspaceAsync(runtime: "claude-code");
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        (await app.Admin().GetStringAsync($"/workspaces/{workspace}/plugins")).ShouldBe("[]");
        await (await app.Admin().InstallAsync(workspace, "list-cc")).ShouldBeOkAsync();
        await (await app.Admin().InstallAsync(workspace, "list-any")).ShouldBeOkAsync();
        await docker.ExecAsync(container, "mkdir", "-p", "/configs/plugins/no-yaml");
        await docker.ExecAsync(container, "touch", "/configs/plugins/stray-file");

        var installed = await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins")).ShouldBeOkAsync();
        var compatibility = await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/compatibility?runtime=langgraph")).ShouldBeOkAsync();

        installed.ToJsonString().ShouldBe(
            """[{"name":"list-any","version":"","description":"any","author":"","tags":null,"skills":null,"runtimes":null,"supported_on_runtime":true},"""
            + """{"name":"list-cc","version":"3","description":"","author":"","tags":null,"skills":null,"runtimes":["claude_code"],"supported_on_runtime":true},"""
            + """{"name":"no-yaml","version":"","description":"","author":"","tags":null,"skills":null,"runtimes":null,"supported_on_runtime":true}]""");
        compatibility["target_runtime"]!.GetValue<string>().ShouldBe("langgraph");
        compatibility["all_compatible"]!.GetValue<bool>().ShouldBeFalse();
        compatibility["compatible"]!.Names().ShouldBe(["list-any", "no-yaml"]);
        compatibility["incompatible"]!.Names().ShouldBe(["list-cc"]);
    }

    [Fact]
    public async Task Uninstall_removes_the_plugin_its_skills_and_its_claude_md_sections_then_restarts()
    {
        app.AddRegistryPlugin("removable", new Dictionary<string, string>
        {
            ["plugin.yaml"] = "skills: [remove-me, ../../escape]\n",
            ["skills/remove-me/SKILL.md"] = "x\n",
        });
        var workspace = await app.CreateWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        await (await app.Admin().InstallAsync(workspace, "removable")).ShouldBeOkAsync();
        await docker.ExecAsync(container, "mkdir", "-p", "/configs/skills/remove-me", "/configs/skills/keep-me");
        await docker.ExecAsync(container, "sh", "-c",
            "printf '# Workspace\\n\\n# Plugin: removable / remove-me\\nUse it.\\n\\nMore.\\n\\n# Plugin: other / x\\nkeep\\n' > /configs/CLAUDE.md");

        var body = await (await app.Admin().DeleteAsync($"/workspaces/{workspace}/plugins/removable")).ShouldBeOkAsync();

        body.ToJsonString().ShouldBe("""{"plugin":"removable","status":"uninstalled"}""");
        (await docker.ExistsAsync(container, "/configs/plugins/removable")).ShouldBeFalse();
        (await docker.ExistsAsync(container, "/configs/skills/remove-me")).ShouldBeFalse();
        (await docker.ExistsAsync(container, "/configs/skills/keep-me")).ShouldBeTrue();
        (await docker.ExecAsync(container, "cat", "/configs/CLAUDE.md")).ShouldBe("# Workspace\n\n\n# Plugin: other / x\nkeep\n");
        await app.Restarts.WaitUntilAsync(
            requests => requests.Count(request => request.WorkspaceId == workspace) >= 2,
            PluginsHttp.RestartWait,
            "a restart after install and another after uninstall");
    }

    [Fact]
    public async Task Uninstalling_a_plugin_that_is_not_there_succeeds()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);

        await (await app.Admin().DeleteAsync($"/workspaces/{workspace}/plugins/never-installed")).ShouldBeOkAsync();
    }

    [Fact]
    public async Task A_stopped_container_cannot_receive_a_plugin()
    {
        app.AddRegistryPlugin("stopped-target", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync();
        var container = await docker.RunWorkspaceContainerAsync(workspace);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await docker.Engine.KillContainerAsync(container, cancellationToken: deadline.Token);
            await docker.Engine.WaitContainerAsync(container, cancellationToken: deadline.Token);
        }

        await (await app.Admin().InstallAsync(workspace, "stopped-target"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        (await app.Admin().GetStringAsync($"/workspaces/{workspace}/plugins")).ShouldBe("[]");
    }
}
