using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Molecule.A2A.Proxy;

namespace Molecule.A2A.Delegation.Dispatch;

/// <summary>What a delegation makes of an agent's reply: the answer text, or why it is a failure.</summary>
internal sealed record AgentAnswer(string? Text, string? Error)
{
    public static AgentAnswer From(ProxyActivity delivery)
    {
        if (delivery.Error is { } error)
        {
            return new AgentAnswer(null, error);
        }

        if (delivery.Response is not { } response)
        {
            return new AgentAnswer(null, "the agent sent no answer");
        }

        if (response.Status >= 300)
        {
            return new AgentAnswer(null, $"agent answered {response.Status}: {ResponseRelay.ErrorText(response.Captured, response.Status)}");
        }

        var json = delivery.ResponseJson();
        if (json is JsonObject envelope && envelope["result"] is null && envelope["error"] is { } rpcError)
        {
            return new AgentAnswer(null, rpcError is JsonObject errorObject && errorObject["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String
                ? message.GetValue<string>()
                : rpcError.ToJsonString());
        }

        return new AgentAnswer(Extract(json) ?? Encoding.UTF8.GetString(response.Captured), null);
    }

    /// <summary>
    /// The text of an A2A result: a plain string, the text parts of a message, of a task's artifacts
    /// or of its status message — in that order; null when the result carries no text.
    /// </summary>
    internal static string? Extract(JsonNode? response)
    {
        var result = response is JsonObject envelope && envelope.ContainsKey("result") ? envelope["result"] : response;
        if (result is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        if (result is not JsonObject obj)
        {
            return null;
        }

        return TextOf(obj["parts"])
            ?? Join((obj["artifacts"] as JsonArray)?.Select(artifact => TextOf(artifact?["parts"])))
            ?? TextOf(obj["status"]?["message"]?["parts"])
            ?? TextOf(obj["message"]?["parts"]);
    }

    private static string? TextOf(JsonNode? parts) =>
        parts is JsonArray array
            ? Join(array.Select(part => part?["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null))
            : null;

    private static string? Join(IEnumerable<string?>? texts)
    {
        var present = texts?.Where(t => !string.IsNullOrEmpty(t)).ToList();
        return present is { Count: > 0 } ? string.Join("\n", present) : null;
    }
}
