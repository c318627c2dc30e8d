using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Molecule.Docker.Workspaces;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Files;

/// <summary>The files routes against a running workspace container on the private dockerd.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class FilesInContainerTests(DockerEngineFixture docker, FilesDockerAppFixture fixture) : IClassFixture<FilesDockerAppFixture>
{
    private FilesApp App => fixture.App;

    [Fact]
    public async Task A_file_is_written_read_listed_and_deleted()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        const string content = "line one\n  ünïcode ✓ \"quoted\"\n\n";
        var size = Encoding.UTF8.GetByteCount(content);
        var file = $"/workspaces/{workspaceId}/files/notes/today.md";

        (await (await App.Admin().PutAsync(file, FilesTestKit.Json(new JsonObject { ["content"] = content }.ToJsonString()))).JsonAsync())
            .ToJsonString().ShouldBe("""{"status":"saved","path":"notes/today.md"}""");
        (await container.ExecAsync("cat", "/configs/notes/today.md")).StdoutText.ShouldBe(content);
        (await container.ExecAsync("test", "-e", "/configs/configs")).ExitCode.ShouldBe(1);

        var read = await (await App.Admin().GetAsync(file)).JsonAsync();
        read["path"]!.GetValue<string>().ShouldBe("notes/today.md");
        read["content"]!.GetValue<string>().ShouldBe(content);
        read["size"]!.GetValue<long>().ShouldBe(size);

        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files?depth=2")).JsonAsync()).ToJsonString()
            .ShouldBe($$"""[{"path":"notes","size":0,"dir":true},{"path":"notes/today.md","size":{{size}},"dir":false}]""");

        (await (await App.Admin().DeleteAsync(file)).JsonAsync()).ToJsonString().ShouldBe("""{"status":"deleted","path":"notes/today.md"}""");
        await (await App.Admin().GetAsync(file)).ShouldFailAsync(HttpStatusCode.NotFound, "file not found");
        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files?depth=2")).JsonAsync()).ToJsonString()
            .ShouldBe("""[{"path":"notes","size":0,"dir":true}]""");
        (await (await App.Admin().DeleteAsync(file)).JsonAsync())["status"]!.GetValue<string>().ShouldBe("deleted");
    }

    [Fact]
    public async Task Listings_follow_depth_and_path_and_skip_tool_directories()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        await (await App.Admin().PutAsync(
            $"/workspaces/{workspaceId}/files",
            FilesTestKit.Json("""{"files":{"a/b/c/d/e/f.txt":"f","a/top.txt":"top","config.yaml":"name: n\n"}}"""))).JsonAsync();
        (await container.ExecAsync("mkdir", "-p", "/configs/.git/objects", "/configs/node_modules/pkg", "/configs/a/__pycache__")).ExitCode.ShouldBe(0);
        (await container.ExecAsync("touch", "/configs/.DS_Store", "/configs/.git/HEAD", "/configs/node_modules/pkg/index.js")).ExitCode.ShouldBe(0);
        var files = $"/workspaces/{workspaceId}/files";

        (await ListAsync($"{files}")).ShouldBe(["a/", "config.yaml"]);
        (await ListAsync($"{files}?depth=3")).ShouldBe(["a/", "a/b/", "a/b/c/", "a/top.txt", "config.yaml"]);
        (await ListAsync($"{files}?depth=5")).ShouldBe(["a/", "a/b/", "a/b/c/", "a/b/c/d/", "a/b/c/d/e/", "a/top.txt", "config.yaml"]);
        (await ListAsync($"{files}?path=a&depth=5")).ShouldBe(["b/", "b/c/", "b/c/d/", "b/c/d/e/", "b/c/d/e/f.txt", "top.txt"]);
        (await ListAsync($"{files}?path=a/b/c/d/e")).ShouldBe(["f.txt"]);
        (await ListAsync($"{files}?root=/workspace")).ShouldBeEmpty();
        (await ListAsync($"{files}?path=absent")).ShouldBeEmpty();

        var sizes = (await (await App.Admin().GetAsync($"{files}?path=a")).JsonAsync()).ToJsonString();
        sizes.ShouldBe("""[{"path":"b","size":0,"dir":true},{"path":"top.txt","size":3,"dir":false}]""");
    }

    [Fact]
    public async Task A_bulk_replace_writes_every_file_and_generates_config_only_when_missing()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "Bulk Agent", runtime: "crewai", role: "does bulk", tier: 3);
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        var replace = $"/workspaces/{workspaceId}/files";

        (await (await App.Admin().PutAsync(replace, FilesTestKit.Json("""{"files":{"skills/x/SKILL.md":"# x\n","prompts/p.md":"p"}}"""))).JsonAsync())
            .ToJsonString().ShouldBe($$"""{"status":"replaced","workspace":"{{workspaceId}}","files":2,"source":"container"}""");
        (await container.ExecAsync("cat", "/configs/skills/x/SKILL.md")).StdoutText.ShouldBe("# x\n");
        (await container.ExecAsync("cat", "/configs/prompts/p.md")).StdoutText.ShouldBe("p");
        (await container.ExecAsync("cat", "/configs/config.yaml")).StdoutText.ShouldBe(
            "name: \"Bulk Agent\"\ndescription: \"does bulk\"\nversion: 1.0.0\ntier: 3\nruntime: crewai\nmodel: \"anthropic:claude-opus-4-7\"\nruntime_config:\n  timeout: 0\n");

        await (await App.Admin().PutAsync(replace, FilesTestKit.Json("""{"files":{"config.yaml":"name: mine\n"}}"""))).JsonAsync();
        await (await App.Admin().PutAsync(replace, FilesTestKit.Json("""{"files":{"other.md":"o"}}"""))).JsonAsync();
        (await container.ExecAsync("cat", "/configs/config.yaml")).StdoutText.ShouldBe("name: mine\n");
    }

    [Fact]
    public async Task Other_roots_links_and_directories_are_handled()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        var files = $"/workspaces/{workspaceId}/files";
        (await container.ExecAsync("mkdir", "-p", "/workspace/sub/inner")).ExitCode.ShouldBe(0);

        await (await App.Admin().PutAsync($"{files}/out.txt?root=/workspace", FilesTestKit.Json("""{"content":"w"}"""))).JsonAsync();
        (await container.ExecAsync("cat", "/workspace/out.txt")).StdoutText.ShouldBe("w");
        (await (await App.Admin().GetAsync($"{files}/out.txt?root=/workspace")).JsonAsync())["content"]!.GetValue<string>().ShouldBe("w");
        await (await App.Admin().GetAsync($"{files}/sub?root=/workspace")).ShouldFailAsync(HttpStatusCode.BadRequest, "path is not a regular file");
        await (await App.Admin().GetAsync($"{files}/missing.txt")).ShouldFailAsync(HttpStatusCode.NotFound, "file not found");

        var noPlugins = await App.Admin().PutAsync($"{files}/x.txt?root=/plugins", FilesTestKit.Json("""{"content":"x"}"""));
        (await noPlugins.JsonAsync(HttpStatusCode.InternalServerError))["error"]!.GetValue<string>().ShouldStartWith("failed to write file: ");

        (await container.ExecAsync("ln", "-s", "/workspace/out.txt", "/configs/absolute-link")).ExitCode.ShouldBe(0);
        (await container.ExecAsync("ln", "-s", "../workspace/out.txt", "/configs/relative-link")).ExitCode.ShouldBe(0);
        (await container.ExecAsync("ln", "-s", "/etc/passwd", "/configs/escape-link")).ExitCode.ShouldBe(0);
        (await (await App.Admin().GetAsync($"{files}/absolute-link")).JsonAsync())["content"]!.GetValue<string>().ShouldBe("w");
        (await (await App.Admin().GetAsync($"{files}/relative-link")).JsonAsync())["content"]!.GetValue<string>().ShouldBe("w");
        await (await App.Admin().GetAsync($"{files}/escape-link")).ShouldFailAsync(HttpStatusCode.BadRequest, "path is not a regular file");

        (await (await App.Admin().DeleteAsync($"{files}/sub?root=/workspace")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("deleted");
        (await container.ExecAsync("test", "-e", "/workspace/sub")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Shared_context_lists_the_files_config_yaml_names()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        var files = new JsonObject
        {
            ["config.yaml"] = "name: s\nshared_context:\n  - docs/a.md\n  - docs/missing.md\n  - ../../etc/passwd\n",
            ["docs/a.md"] = "A\n",
        };
        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files", FilesTestKit.Json(new JsonObject { ["files"] = files }.ToJsonString()))).JsonAsync();

        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/shared-context")).JsonAsync()).ToJsonString()
            .ShouldBe("""[{"path":"docs/a.md","content":"A\n"}]""");
    }

    [Fact]
    public async Task Without_a_running_container_configs_go_through_the_config_volume()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "Offline Agent");
        var volume = WorkspaceContainers.ConfigVolume(workspaceId);
        var files = $"/workspaces/{workspaceId}/files";
        try
        {
            (await (await App.Admin().PutAsync($"{files}/config.yaml", FilesTestKit.Json("""{"content":"name: offline\n"}"""))).JsonAsync())
                .ToJsonString().ShouldBe("""{"status":"saved","path":"config.yaml"}""");
            (await (await App.Admin().PutAsync(files, FilesTestKit.Json("""{"files":{"skills/s.md":"s","keep.md":"k"}}"""))).JsonAsync())["source"]!
                .GetValue<string>().ShouldBe("volume");
            (await (await App.Admin().DeleteAsync($"{files}/skills/s.md")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("deleted");
            await (await App.Admin().PutAsync($"{files}/x.txt?root=/workspace", FilesTestKit.Json("""{"content":"x"}""")))
                .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
            await (await App.Admin().DeleteAsync($"{files}/x.txt?root=/workspace"))
                .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");

            (await docker.Engine.ListContainersAsync([$"molecule.files.helper={workspaceId}"], includeStopped: true, Deadline())).ShouldBeEmpty();
            (await docker.Engine.InspectVolumeAsync(volume, Deadline())).Labels[WorkspaceContainers.ManagedLabel].ShouldBe("true");

            await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId, binds: [$"{volume}:/configs"]);
            (await (await App.Admin().GetAsync($"{files}/config.yaml")).JsonAsync())["content"]!.GetValue<string>().ShouldBe("name: offline\n");
            (await ListAsync($"{files}?depth=2")).ShouldBe(["config.yaml", "keep.md", "skills/"]);
        }
        finally
        {
            await docker.Engine.RemoveVolumeAsync(volume, force: true, Deadline());
        }
    }

    [Fact]
    public async Task A_helper_image_that_is_missing_fails_the_write_clearly()
    {
        await using var app = await FilesApp.StartAsync(fixture.Host, helperImage: "molecule-test/no-such-helper:latest");
        var workspaceId = await app.InsertFilesWorkspaceAsync();
        try
        {
            var response = await app.Admin().PutAsync($"/workspaces/{workspaceId}/files/config.yaml", FilesTestKit.Json("""{"content":"x"}"""));

            (await response.JsonAsync(HttpStatusCode.InternalServerError))["error"]!.GetValue<string>()
                .ShouldStartWith("failed to write file: ");
        }
        finally
        {
            await docker.Engine.RemoveVolumeAsync(WorkspaceContainers.ConfigVolume(workspaceId), force: true, Deadline());
        }
    }

    [Fact]
    public async Task Without_a_container_the_template_directory_answers()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "Docker Template");
        App.AddTemplate("docker-template", new Dictionary<string, string> { ["config.yaml"] = "name: Docker Template\n" });

        (await ListAsync($"/workspaces/{workspaceId}/files")).ShouldBe(["config.yaml"]);
        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files/config.yaml")).JsonAsync())["content"]!
            .GetValue<string>().ShouldBe("name: Docker Template\n");
    }

    [Fact]
    public async Task A_container_under_the_full_id_name_is_found_too()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var container = await docker.RunAsync($"ws-{workspaceId:D}", ["sleep", "600"]);
        try
        {
            await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/a.txt", FilesTestKit.Json("""{"content":"a"}"""))).JsonAsync();

            (await ListAsync($"/workspaces/{workspaceId}/files")).ShouldBe(["a.txt"]);
        }
        finally
        {
            await docker.Engine.RemoveContainerAsync(container, force: true, cancellationToken: Deadline());
        }
    }

    /// <summary>The listed paths, directories marked with a trailing slash.</summary>
    private async Task<IReadOnlyList<string>> ListAsync(string route) =>
        (await (await App.Admin().GetAsync(route)).JsonAsync()).AsArray()
            .Select(entry => entry!["path"]!.GetValue<string>() + (entry["dir"]!.GetValue<bool>() ? "/" : ""))
            .ToList();

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
