using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Molecule.Docker.Transport;

/// <summary>One call to the engine, before the API version prefix is known.</summary>
internal sealed class DockerRequest(HttpMethod method, string path)
{
    public HttpMethod Method { get; } = method;

    /// <summary>The path after the version prefix, e.g. <c>containers/abc/start</c>.</summary>
    public string Path { get; } = path;

    public DockerQuery Query { get; } = new();

    public HttpContent? Content { get; set; }

    /// <summary>Extra time on top of the request timeout, for calls the engine itself stretches (stop waits <c>t</c> seconds).</summary>
    public TimeSpan ExtraTimeout { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public static DockerRequest Get(string path) => new(HttpMethod.Get, path);

    public static DockerRequest Post(string path) => new(HttpMethod.Post, path);

    public static DockerRequest Delete(string path) => new(HttpMethod.Delete, path);

    public DockerRequest WithJson<T>(T body, JsonTypeInfo<T> typeInfo)
    {
        // A buffered body carries Content-Length; the engine then never sees a chunked upload.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Content = content;
        return this;
    }

    public DockerRequest WithTar(Stream tar)
    {
        var content = new StreamContent(tar);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        Content = content;
        return this;
    }

    public HttpRequestMessage ToHttpRequest(ApiVersion? version)
    {
        var prefix = version is { } v ? $"v{v}/" : "";
        var message = new HttpRequestMessage(Method, new Uri(DockerTransport.BaseAddress, prefix + Path + Query))
        {
            Content = Content,
        };
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString() => $"{Method} /{Path}";
}
