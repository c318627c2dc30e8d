using System.Net;
using System.Text;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Files;

/// <summary>Chat uploads into a running workspace container and downloads back out of it.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class ChatFilesTests(DockerEngineFixture docker, FilesDockerAppFixture fixture) : IClassFixture<FilesDockerAppFixture>
{
    private const string UploadDirectory = "/workspace/.molecule/chat-uploads";

    private FilesApp App => fixture.App;

    [Fact]
    public async Task Uploaded_files_come_back_byte_for_byte_with_download_headers()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        var binary = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var text = Encoding.UTF8.GetBytes("héllo\r\nworld\0end");

        var answer = await (await App.Admin().PostAsync(
            $"/workspaces/{workspaceId}/chat/uploads",
            FilesTestKit.Upload(("photo 1.png", binary, "image/png"), ("../résumé final.txt", text, null), ("blob", [1, 2, 3], null)))).JsonAsync();

        var files = answer["files"]!.AsArray();
        files.Count.ShouldBe(3);
        files[0]!["name"]!.GetValue<string>().ShouldBe("photo_1.png");
        files[0]!["mimeType"]!.GetValue<string>().ShouldBe("image/png");
        files[0]!["size"]!.GetValue<long>().ShouldBe(binary.Length);
        files[1]!["name"]!.GetValue<string>().ShouldBe("r_sum__final.txt");
        files[1]!["mimeType"]!.GetValue<string>().ShouldBe("text/plain; charset=utf-8");
        files[2]!.AsObject().ContainsKey("mimeType").ShouldBeFalse();
        var uris = files.Select(file => file!["uri"]!.GetValue<string>()).ToList();
        uris[0].ShouldMatch($"^workspace:{UploadDirectory}/[0-9a-f]{{32}}-photo_1\\.png$");
        uris[1].ShouldMatch($"^workspace:{UploadDirectory}/[0-9a-f]{{32}}-r_sum__final\\.txt$");

        var listed = (await container.ExecAsync("ls", UploadDirectory)).StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        listed.Order().ShouldBe(uris.Select(uri => uri[(uri.LastIndexOf('/') + 1)..]).Order());

        var path = uris[0]["workspace:".Length..];
        var download = await App.Admin().GetAsync($"/workspaces/{workspaceId}/chat/download?path={Uri.EscapeDataString(path)}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(binary);
        download.Content.Headers.ContentType!.ToString().ShouldBe("image/png");
        download.Content.Headers.ContentLength.ShouldBe(binary.Length);
        var stored = path[(path.LastIndexOf('/') + 1)..];
        download.Content.Headers.GetValues("Content-Disposition").Single()
            .ShouldBe($"attachment; filename=\"{stored}\"; filename*=UTF-8''{stored}");

        var textPath = uris[1]["workspace:".Length..];
        var textDownload = await App.Admin().GetAsync($"/workspaces/{workspaceId}/chat/download?path={Uri.EscapeDataString(textPath)}");
        (await textDownload.Content.ReadAsByteArrayAsync()).ShouldBe(text);
        textDownload.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
    }

    [Fact]
    public async Task Downloads_name_the_file_safely_and_refuse_what_is_not_a_file()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();
        await using var container = await FilesWorkspaceContainer.StartAsync(docker, workspaceId);
        await (await App.Admin().PutAsync($"/workspaces/{workspaceId}/files/résumé \"v2\".txt?root=/workspace", FilesTestKit.Json("""{"content":"cv"}"""))).JsonAsync();
        var download = $"/workspaces/{workspaceId}/chat/download?path=";

        var response = await App.Admin().GetAsync(download + Uri.EscapeDataString("/workspace/résumé \"v2\".txt"));
        (await response.Content.ReadAsStringAsync()).ShouldBe("cv");
        response.Content.Headers.GetValues("Content-Disposition").Single()
            .ShouldBe("attachment; filename=\"r_sum_ \\\"v2\\\".txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.txt");

        await (await App.Admin().GetAsync(download + "/workspace/absent.bin")).ShouldFailAsync(HttpStatusCode.NotFound, "file not found");
        await (await App.Admin().GetAsync(download + "/workspace")).ShouldFailAsync(HttpStatusCode.BadRequest, "path is not a regular file");
        (await container.ExecAsync("ln", "-s", "/etc/passwd", "/workspace/passwd")).ExitCode.ShouldBe(0);
        await (await App.Admin().GetAsync(download + "/workspace/passwd")).ShouldFailAsync(HttpStatusCode.BadRequest, "path is not a regular file");
    }

    [Fact]
    public async Task Chat_routes_need_a_running_container()
    {
        var workspaceId = await App.InsertFilesWorkspaceAsync();

        await (await App.Admin().PostAsync($"/workspaces/{workspaceId}/chat/uploads", FilesTestKit.Upload(("a.txt", "a"u8.ToArray(), null))))
            .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
        await (await App.Admin().GetAsync($"/workspaces/{workspaceId}/chat/download?path=/workspace/a.txt"))
            .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
    }
}
