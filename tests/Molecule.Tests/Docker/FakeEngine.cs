using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Molecule.Docker;
using Molecule.Docker.Transport;

namespace Molecule.Tests.Docker;

/// <summary>A request as the fake engine saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string? ContentType, byte[]? Body)
{
    public string Path => Uri.AbsolutePath;

    public Dictionary<string, string> Query =>
        Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]))
            .ToDictionary(group => group.Key, group => string.Join("|", group.Select(pair => Uri.UnescapeDataString(pair[1]))));

    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);

    public JsonNode Json => JsonNode.Parse(BodyText) ?? throw new InvalidOperationException("no JSON body");

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}

/// <summary>
/// An in-process engine: records every request and answers through <see cref="Respond"/>. It
/// answers <c>/_ping</c> itself with <see cref="ApiVersion"/>, like a 20.10 daemon.
/// </summary>
internal sealed class FakeEngineHandler : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

    public string? ApiVersion { get; set; } = "1.41";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The requests other than the version negotiation ping.</summary>
    public IReadOnlyList<RecordedRequest> Calls => Requests.Where(r => r.Path != "/_ping").ToList();

    public RecordedRequest LastCall => Calls[^1];

    public void Answer(HttpStatusCode status, string? json = null) =>
        Respond = (_, _) => Task.FromResult(Response(status, json));

    public static HttpResponseMessage Response(HttpStatusCode status, string? json = null)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers, request.Content?.Headers.ContentType?.MediaType, body);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        if (recorded.Path == "/_ping")
        {
            var ping = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("OK") };
            if (ApiVersion is not null)
            {
                ping.Headers.Add("Api-Version", ApiVersion);
            }

            ping.Headers.Add("Ostype", "linux");
            ping.Headers.Add("Server", "Docker/20.10.24+dfsg1 (linux)");
            return ping;
        }

        return await Respond(recorded, cancellationToken);
    }
}

/// <summary>A hijacked connection stand-in: reads what the "engine" wrote, records what the client writes.</summary>
internal sealed class FakeConnection(byte[] engineOutput) : Stream
{
    private readonly MemoryStream _output = new(engineOutput);

    public MemoryStream Written { get; } = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _output.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Hands the connection stream out as is (StreamContent would wrap it read-only), as HttpClient does after a 101.</summary>
internal sealed class RawConnectionContent(Stream connection) : HttpContent
{
    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(connection);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => connection.CopyToAsync(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

internal static class FakeEngine
{
    public const string Endpoint = "unix:///fake/docker.sock";

    public static DockerEngine Create(HttpMessageHandler handler, DockerOptions? options = null, HttpMessageHandler? hijack = null) =>
        new(new DockerTransport(Endpoint, handler, _ => hijack ?? handler), options ?? new DockerOptions(), NullLogger.Instance);

    /// <summary>One multiplexed frame: type, three zero bytes, big-endian length, payload.</summary>
    public static byte[] Frame(byte type, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var frame = new byte[8 + bytes.Length];
        frame[0] = type;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)bytes.Length);
        bytes.CopyTo(frame, 8);
        return frame;
    }

    public static async Task<string> ReadAllTextAsync(DockerOutput output)
    {
        var captured = await output.ReadAllAsync(1 << 20);
        return Encoding.UTF8.GetString(captured.Stdout);
    }
}
