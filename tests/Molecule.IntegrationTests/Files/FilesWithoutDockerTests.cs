using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Files;

/// <summary>One app whose DOCKER_HOST does not exist, and a small FILES_MAX_BYTES.</summary>
public sealed class FilesWithoutDockerFixture : IAsyncLifetime
{
    public const int MaxBytes = 4096;

    public FilesApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await FilesApp.StartAsync(FilesApp.NoDockerHost, settings: new Dictionary<string, string?> { ["FILES_MAX_BYTES"] = $"{MaxBytes}" });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Auth, validation, unknown workspaces, EC2 rows and the template fallbacks: none of it needs a
/// Docker engine, so these run against a DOCKER_HOST that does not exist.
/// </summary>
public sealed class FilesWithoutDockerTests(FilesWithoutDockerFixture fixture) : IClassFixture<FilesWithoutDockerFixture>
{
    private FilesApp App => fixture.App;

    [Fact]
    public async Task Every_route_refuses_a_wrong_or_missing_bearer()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        foreach (var (method, path, body) in FilesTestKit.Routes(workspaceId))
        {
            await (await App.Client("not-the-admin-token").SendAsync(method, path, body()))
                .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid workspace auth token");
            await (await App.Client().SendAsync(method, path, body()))
                .ShouldFailAsync(HttpStatusCode.Unauthorized, "missing workspace auth token");
        }
    }

    [Fact]
    public async Task A_token_of_another_workspace_is_refused_and_its_own_token_passes()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var other = await App.IssueWorkspaceTokenAsync(await App.InsertFilesWorkspaceAsync());
        var own = await App.IssueWorkspaceTokenAsync(workspaceId);

        await (await App.Client(other).GetAsync($"/workspaces/{workspaceId}/files"))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid workspace auth token");
        (await (await App.Client(own).GetAsync($"/workspaces/{workspaceId}/files")).JsonAsync()).AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_route_answers_404_for_an_unknown_workspace()
    {
        var unknown = Guid.NewGuid();
        foreach (var (method, path, body) in FilesTestKit.Routes(unknown))
        {
            await (await App.Admin().SendAsync(method, path, body())).ShouldFailAsync(HttpStatusCode.NotFound, "workspace not found");
        }

        await (await App.Admin().GetAsync("/workspaces/not-a-uuid/files")).ShouldFailAsync(HttpStatusCode.NotFound, "workspace not found");
    }

    [Fact]
    public async Task Every_route_answers_501_for_an_ec2_workspace()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(instanceId: "i-0123456789abcdef0");
        foreach (var (method, path, body) in FilesTestKit.Routes(workspaceId))
        {
            var operation = path.Contains("/chat/uploads", StringComparison.Ordinal) ? "chat uploads"
                : method == "DELETE" ? "deleting files"
                : method == "PUT" ? "writing files"
                : path.Contains("/files?", StringComparison.Ordinal) ? "listing files"
                : "reading files";
            await (await App.Admin().SendAsync(method, path, body()))
                .ShouldFailAsync(HttpStatusCode.NotImplemented, $"{operation} is not available on the ec2 backend");
        }
    }

    [Theory]
    [InlineData("?root=/etc", "root must be one of: /configs, /workspace, /home, /plugins")]
    [InlineData("?root=configs", "root must be one of: /configs, /workspace, /home, /plugins")]
    [InlineData("?path=../../etc/passwd", "invalid path")]
    [InlineData("?path=%2e%2e/%2e%2e/etc", "invalid path")]
    [InlineData("?path=/etc", "invalid path")]
    [InlineData("?path=a%5C..%5Cb", "invalid path")]
    [InlineData("?path=a%00b", "invalid path")]
    [InlineData("?depth=0", "depth must be 1-5")]
    [InlineData("?depth=6", "depth must be 1-5")]
    [InlineData("?depth=deep", "depth must be 1-5")]
    public async Task Listing_refuses_bad_input(string query, string error)
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, error);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/../../etc")]
    [InlineData("%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("a/%2E%2E/%2E%2E/etc")]
    [InlineData("%252e%252e/etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("..%5C..%5Cetc")]
    [InlineData("a%5Cb")]
    [InlineData(".")]
    public async Task Single_file_routes_refuse_traversal_and_absolute_paths(string path)
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var route = $"/workspaces/{workspaceId}/files/{path}";

        await (await App.SendRawAsync("GET", route)).ShouldFailAsync(HttpStatusCode.BadRequest, "invalid path");
        await (await App.SendRawAsync("PUT", route, """{"content":"x"}""")).ShouldFailAsync(HttpStatusCode.BadRequest, "invalid path");
        await (await App.SendRawAsync("DELETE", route)).ShouldFailAsync(HttpStatusCode.BadRequest, "invalid path");
    }

    [Fact]
    public async Task Single_file_routes_refuse_a_bad_root()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var route = $"/workspaces/{workspaceId}/files/a.txt?root=/etc";
        const string error = "root must be one of: /configs, /workspace, /home, /plugins";

        await (await App.Admin().GetAsync(route)).ShouldFailAsync(HttpStatusCode.BadRequest, error);
        await (await App.Admin().PutAsync(route, FilesTestKit.Json("""{"content":"x"}"""))).ShouldFailAsync(HttpStatusCode.BadRequest, error);
        await (await App.Admin().DeleteAsync(route)).ShouldFailAsync(HttpStatusCode.BadRequest, error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"content":null}""")]
    [InlineData("""{"content":42}""")]
    [InlineData("[]")]
    public async Task Writing_refuses_a_bad_body(string body)
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/a.txt", FilesTestKit.Json(body)))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Fact]
    public async Task Writing_more_than_FILES_MAX_BYTES_is_413()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var content = new string('x', FilesWithoutDockerFixture.MaxBytes + 1);
        var escaped = string.Concat(Enumerable.Repeat("\\n", (FilesWithoutDockerFixture.MaxBytes * 2) + 1));

        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/a.txt", FilesTestKit.Json(new JsonObject { ["content"] = content }.ToJsonString())))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, $"file exceeds {FilesWithoutDockerFixture.MaxBytes} bytes");
        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/a.txt", FilesTestKit.Json($"{{\"content\":\"{escaped}\"}}")))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, $"file exceeds {FilesWithoutDockerFixture.MaxBytes} bytes");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"files":null}""")]
    [InlineData("""{"files":["a"]}""")]
    [InlineData("""{"files":{"a.txt":null}}""")]
    [InlineData("""{"files":{"a.txt":1}}""")]
    [InlineData("""{"files":{"../../etc/passwd":"x"}}""")]
    [InlineData("""{"files":{"/etc/passwd":"x"}}""")]
    [InlineData("""{"files":{"%2e%2e/x":"x"}}""")]
    [InlineData("""{"files":{"":"x"}}""")]
    public async Task Replacing_refuses_a_bad_body(string body)
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files", FilesTestKit.Json(body)))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "invalid request body");
    }

    [Fact]
    public async Task Replacing_more_than_200_files_or_bytes_is_refused()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var tooMany = new JsonObject { ["files"] = new JsonObject(Enumerable.Range(0, 201).Select(i => KeyValuePair.Create($"f{i}.txt", (JsonNode?)"x"))) };
        var tooBig = new JsonObject
        {
            ["files"] = new JsonObject
            {
                ["a.txt"] = new string('a', FilesWithoutDockerFixture.MaxBytes / 2),
                ["b.txt"] = new string('b', (FilesWithoutDockerFixture.MaxBytes / 2) + 1),
            },
        };

        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files", FilesTestKit.Json(tooMany.ToJsonString())))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "too many files (201), max 200");
        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files", FilesTestKit.Json(tooBig.ToJsonString())))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, $"files exceed {FilesWithoutDockerFixture.MaxBytes} bytes in total");
    }

    [Fact]
    public async Task Chat_routes_refuse_bad_ids_and_bad_forms()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var uploads = $"/workspaces/{workspaceId}/chat/uploads";

        await (await App.Admin().PostAsync("/workspaces/not-a-uuid/chat/uploads", FilesTestKit.Upload(("a", [1], null))))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "invalid workspace ID");
        await (await App.Admin().GetAsync("/workspaces/not-a-uuid/chat/download?path=/workspace/a"))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "invalid workspace ID");
        await (await App.Admin().PostAsync(uploads, FilesTestKit.Json("{}")))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "failed to parse multipart form");
        var wrongField = new MultipartFormDataContent { { new ByteArrayContent([1, 2]), "attachment", "a.bin" } };
        await (await App.Admin().PostAsync(uploads, wrongField))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "expected at least one 'files' field");
    }

    [Fact]
    public async Task Chat_uploads_over_the_limits_are_413()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        var uploads = $"/workspaces/{workspaceId}/chat/uploads";

        await (await App.Admin().PostAsync(uploads, GeneratedUpload.Of((25L * 1024 * 1024) + 1)))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "big.bin exceeds per-file limit (25 MB)");
        await (await App.Admin().PostAsync(uploads, GeneratedUpload.Of(50L * 1024 * 1024)))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "upload exceeds total limit (50 MB)");
        await (await App.Admin().PostAsync(uploads, GeneratedUpload.Of(50L * 1024 * 1024, declareLength: false)))
            .ShouldFailAsync(HttpStatusCode.RequestEntityTooLarge, "upload exceeds total limit (50 MB)");
    }

    [Theory]
    [InlineData("", "path query required")]
    [InlineData("?path=", "path query required")]
    [InlineData("?path=workspace/a.txt", "path must be absolute")]
    [InlineData("?path=/etc/passwd", "path must be under /configs, /workspace, /home, or /plugins")]
    [InlineData("?path=/workspace/../etc/passwd", "invalid path")]
    [InlineData("?path=/workspace/%2e%2e/etc/passwd", "invalid path")]
    [InlineData("?path=/workspace//a", "invalid path")]
    public async Task Chat_download_refuses_bad_paths(string query, string error)
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/chat/download{query}")).ShouldFailAsync(HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Without_docker_writes_fail_and_chat_routes_are_unavailable()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/a.txt", FilesTestKit.Json("""{"content":"x"}""")))
            .ShouldFailAsync(HttpStatusCode.InternalServerError, "failed to write file: docker not available");
        await (await App.Admin().DeleteAsync($"/workspaces/{workspaceId}/files/a.txt"))
            .ShouldFailAsync(HttpStatusCode.InternalServerError, "failed to delete: docker not available");
        await (await App.Admin().PostAsync($"/workspaces/{workspaceId}/chat/uploads", FilesTestKit.Upload(("a.txt", [1], null))))
            .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/chat/download?path=/workspace/a.txt"))
            .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "docker unavailable");
    }

    [Fact]
    public async Task Without_a_container_or_template_lists_are_empty_and_reads_404()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "No Template Here");

        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files")).JsonAsync()).AsArray().ShouldBeEmpty();
        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/shared-context")).JsonAsync()).AsArray().ShouldBeEmpty();
        await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/files/config.yaml"))
            .ShouldFailAsync(HttpStatusCode.NotFound, "file not found (container offline, no template)");
        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files", FilesTestKit.Json("""{"files":{"a.txt":"a"}}""")))
            .ShouldFailAsync(HttpStatusCode.InternalServerError, "failed to write files to workspace");
    }

    [Fact]
    public async Task Without_a_container_the_template_directory_answers()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "Template Agent");
        App.AddTemplate("template-agent", new Dictionary<string, string>
        {
            ["config.yaml"] = "name: Template Agent\nshared_context:\n  - docs/guide.md\n  - ../escape.md\n  - missing.md\n",
            ["docs/guide.md"] = "# Guide\n",
            ["docs/deep/more.md"] = "more",
            [".git/HEAD"] = "ref: main",
        });
        var files = $"/workspaces/{workspaceId}/files";

        (await (await App.Admin().GetAsync(files)).JsonAsync()).ToJsonString()
            .ShouldBe("""[{"path":"config.yaml","size":87,"dir":false},{"path":"docs","size":0,"dir":true}]""");
        (await (await App.Admin().GetAsync($"{files}?depth=3&root=/workspace")).JsonAsync()).AsArray().Select(e => e!["path"]!.GetValue<string>())
            .ShouldBe(["config.yaml", "docs", "docs/deep", "docs/deep/more.md", "docs/guide.md"]);
        (await (await App.Admin().GetAsync($"{files}?path=docs&depth=2")).JsonAsync()).AsArray().Select(e => e!["path"]!.GetValue<string>())
            .ShouldBe(["deep", "deep/more.md", "guide.md"]);

        var read = await (await App.Admin().GetAsync($"{files}/docs/guide.md")).JsonAsync();
        read.ToJsonString().ShouldBe("""{"path":"docs/guide.md","content":"# Guide\n","size":8}""");
        await (await App.Admin().GetAsync($"{files}/docs/absent.md")).ShouldFailAsync(HttpStatusCode.NotFound, "file not found");

        (await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/shared-context")).JsonAsync()).ToJsonString()
            .ShouldBe("""[{"path":"docs/guide.md","content":"# Guide\n"}]""");
    }

    [Fact]
    public async Task Without_docker_a_bulk_replace_lands_in_the_template_directory()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync(name: "Replace Target", role: "writes things", runtime: "claude-code");
        var template = App.AddTemplate("replace-target", new Dictionary<string, string> { ["keep.md"] = "kept" });

        var replaced = await (await App.Admin().PutAsync(
            $"/workspaces/{workspaceId}/files",
            FilesTestKit.Json("""{"files":{"skills/a/SKILL.md":"# a","./notes.md":"n"}}"""))).JsonAsync();

        replaced.ToJsonString().ShouldBe($$"""{"status":"replaced","workspace":"{{workspaceId}}","files":2,"source":"template"}""");
        (await File.ReadAllTextAsync(Path.Combine(template, "skills/a/SKILL.md"))).ShouldBe("# a");
        (await File.ReadAllTextAsync(Path.Combine(template, "notes.md"))).ShouldBe("n");
        var config = await File.ReadAllTextAsync(Path.Combine(template, "config.yaml"));
        config.ShouldStartWith("name: \"Replace Target\"\ndescription: \"writes things\"\nversion: 1.0.0\ntier: 2\nruntime: claude-code\nmodel: \"sonnet\"\n");
    }
}

/// <summary>The files settings are checked when the host boots.</summary>
public sealed class FilesStartupTests
{
    [Theory]
    [InlineData("FILES_MAX_BYTES", "0", "FILES_MAX_BYTES must be between 1 and 1073741824")]
    [InlineData("FILES_MAX_BYTES", "2147483648", "FILES_MAX_BYTES must be between 1 and 1073741824")]
    [InlineData("FILES_DOCKER_TIMEOUT_SECONDS", "0", "FILES_DOCKER_TIMEOUT_SECONDS must be between 1 and 3600")]
    [InlineData("FILES_HELPER_IMAGE", " ", "FILES_HELPER_IMAGE must name an image")]
    public async Task Bad_settings_refuse_to_boot(string name, string value, string error)
    {
        var exception = await Should.ThrowAsync<Exception>(
            () => FilesApp.StartAsync(FilesApp.NoDockerHost, settings: new Dictionary<string, string?> { [name] = value }));

        exception.ToString().ShouldContain(error);
    }
}
