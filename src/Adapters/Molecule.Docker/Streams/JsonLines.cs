using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Molecule.Docker.Streams;

/// <summary>Reads a stream of JSON objects, one per line (events, pull and import progress).</summary>
internal static class JsonLines
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line) && Parse(line, typeInfo) is { } item)
            {
                yield return item;
            }
        }
    }

    internal static T? Parse<T>(string line, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(line, typeInfo);
        }
        catch (JsonException e)
        {
            throw new DockerApiException(HttpStatusCode.InternalServerError, $"unreadable line in the engine's stream: {e.Message}");
        }
    }
}
