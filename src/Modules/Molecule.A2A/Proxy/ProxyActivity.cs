using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.A2A.Proxy;

/// <summary>One forwarded call as the activity log and the canvas see it.</summary>
internal sealed record ProxyActivity(
    Guid TargetId,
    string TargetName,
    Guid? CallerId,
    string Method,
    JsonObject Request,
    RelayedResponse? Response,
    string? Error,
    long DurationMs)
{
    public bool Succeeded => Error is null && Response is { Status: < 400 };

    public string Summary => Error is null
        ? $"{Method} → {TargetName}"
        : $"A2A request to {TargetName} failed: {Error}";

    /// <summary>
    /// The agent's answer as JSON: the body itself, or for an event stream the last <c>data:</c>
    /// event that is JSON (the final state of a streamed task). Null when neither parses.
    /// </summary>
    public JsonNode? ResponseJson()
    {
        if (Response is null || Response.Captured.Length == 0)
        {
            return null;
        }

        if (!Response.IsEventStream)
        {
            return TryParse(Response.Captured);
        }

        JsonNode? last = null;
        foreach (var line in Encoding.UTF8.GetString(Response.Captured).Split('\n'))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && TryParse(Encoding.UTF8.GetBytes(line[5..].Trim())) is { } parsed)
            {
                last = parsed;
            }
        }

        return last;
    }

    public static JsonNode? ToolTrace(JsonNode? response) => response?["result"]?["metadata"]?["tool_trace"];

    /// <summary>Token usage from <c>result.usage</c> or the top-level <c>usage</c>.</summary>
    public static (long Input, long Output)? Usage(JsonNode? response)
    {
        var usage = response?["result"]?["usage"] as JsonObject ?? response?["usage"] as JsonObject;
        if (usage is null)
        {
            return null;
        }

        var input = Number(usage, "input_tokens") ?? Number(usage, "prompt_tokens") ?? 0;
        var output = Number(usage, "output_tokens") ?? Number(usage, "completion_tokens") ?? 0;
        return input == 0 && output == 0 ? null : (input, output);
    }

    private static long? Number(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private static JsonNode? TryParse(byte[] utf8)
    {
        try
        {
            return JsonNode.Parse(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
