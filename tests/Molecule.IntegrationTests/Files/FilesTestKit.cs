using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Files;

/// <summary>Requests and assertions shared by the files tests.</summary>
internal static class FilesTestKit
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("empty response body");
    }

    /// <summary>Asserts the status and the reference's <c>error</c> text.</summary>
    public static async Task ShouldFailAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().ShouldBe(error);
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, string method, string path, HttpContent? content = null) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

    /// <summary>
    /// Sends <paramref name="path"/> past HttpClient, which would fold <c>..</c> and decode <c>%2e</c>
    /// before the server saw them: the path reaches routing as a server decodes it (<c>%2F</c> kept).
    /// </summary>
    public static async Task<HttpResponseMessage> SendRawAsync(this FilesApp app, string method, string path, string? json = null)
    {
        var context = await app.Server.SendAsync(http =>
        {
            http.Request.Method = method;
            http.Request.Path = PathString.FromUriComponent(path);
            http.Request.Headers.Authorization = $"Bearer {FilesApp.AdminToken}";
            if (json is not null)
            {
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            }
        });
        return new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode) { Content = new StreamContent(context.Response.Body) };
    }

    /// <summary>A multipart body with one <c>files</c> part per (name, bytes, content type).</summary>
    public static MultipartFormDataContent Upload(params (string Name, byte[] Content, string? ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content, contentType) in files)
        {
            var part = new ByteArrayContent(content);
            if (contentType is not null)
            {
                part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            form.Add(part, "files", name);
        }

        return form;
    }

    /// <summary>Every files route with input that passes validation, for auth, 404 and 501 checks.</summary>
    public static IEnumerable<(string Method, string Path, Func<HttpContent?> Body)> Routes(Guid workspaceId) =>
    [
        ("GET", $"/workspaces/{workspaceId}/files?depth=2", () => null),
        ("PUT", $"/workspaces/{workspaceId}/files", () => Json("""{"files":{"a.txt":"a"}}""")),
        ("GET", $"/workspaces/{workspaceId}/files/config.yaml", () => null),
        ("PUT", $"/workspaces/{workspaceId}/files/config.yaml", () => Json("""{"content":"name: x"}""")),
        ("DELETE", $"/workspaces/{workspaceId}/files/config.yaml", () => null),
        ("GET", $"/workspaces/{workspaceId}/shared-context", () => null),
        ("POST", $"/workspaces/{workspaceId}/chat/uploads", () => Upload(("a.txt", "a"u8.ToArray(), "text/plain"))),
        ("GET", $"/workspaces/{workspaceId}/chat/download?path=/workspace/a.txt", () => null),
    ];
}

/// <summary>
/// A request body that is generated, never held in memory: a multipart <c>files</c> part of
/// <paramref name="fileBytes"/> zero bytes, with or without a declared length.
/// </summary>
internal sealed class GeneratedUpload(long fileBytes, bool declareLength) : HttpContent
{
    private const string Boundary = "molecule-files-test-boundary";
    private static readonly byte[] Head = Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    private static readonly byte[] Tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Head);
        var zeros = new byte[64 * 1024];
        for (var left = fileBytes; left > 0; left -= zeros.Length)
        {
            await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(zeros.Length, left)));
        }

        await stream.WriteAsync(Tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Head.Length + fileBytes + Tail.Length;
        return declareLength;
    }

    public static GeneratedUpload Of(long fileBytes, bool declareLength = true)
    {
        var upload = new GeneratedUpload(fileBytes, declareLength);
        upload.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return upload;
    }
}
