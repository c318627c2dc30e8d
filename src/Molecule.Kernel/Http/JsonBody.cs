using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Molecule.Kernel.Http;

public enum JsonBodyError
{
    None,
    /// <summary>Not JSON, wrong JSON type for a field, or empty.</summary>
    Invalid,
    /// <summary>Larger than the route's cap.</summary>
    TooLarge,
}

/// <summary>The result of reading a request body; handlers map the error to their own fixed message.</summary>
public readonly record struct JsonBody<T>(T? Value, JsonBodyError Error)
{
    public bool Ok => Error == JsonBodyError.None && Value is not null;
}

/// <summary>
/// Reads JSON bodies without letting the framework answer for us: each reference route has its own
/// fixed 400 text, and an oversized body must be refused, never silently cut.
/// </summary>
public static class JsonBodyReader
{
    public const long DefaultMaxBytes = 1 << 20;

    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes = DefaultMaxBytes)
    {
        var bytes = await ReadBytesAsync(request, maxBytes);
        if (bytes is null)
        {
            return new JsonBody<T>(default, JsonBodyError.TooLarge);
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return new JsonBody<T>(value, value is null ? JsonBodyError.Invalid : JsonBodyError.None);
        }
        catch (JsonException)
        {
            return new JsonBody<T>(default, JsonBodyError.Invalid);
        }
    }

    /// <summary>Reads a body that must be a JSON object (PATCH-style partial updates).</summary>
    public static async Task<JsonBody<JsonObject>> ReadObjectAsync(HttpRequest request, long maxBytes = DefaultMaxBytes)
    {
        var bytes = await ReadBytesAsync(request, maxBytes);
        if (bytes is null)
        {
            return new JsonBody<JsonObject>(null, JsonBodyError.TooLarge);
        }

        try
        {
            return JsonNode.Parse(bytes) is JsonObject obj
                ? new JsonBody<JsonObject>(obj, JsonBodyError.None)
                : new JsonBody<JsonObject>(null, JsonBodyError.Invalid);
        }
        catch (JsonException)
        {
            return new JsonBody<JsonObject>(null, JsonBodyError.Invalid);
        }
    }

    /// <summary>The whole body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
