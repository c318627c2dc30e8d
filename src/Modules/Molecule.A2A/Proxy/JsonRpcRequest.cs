using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.A2A.Proxy;

/// <summary>An A2A request after normalisation: always a JSON-RPC 2.0 envelope with a message id.</summary>
internal sealed record JsonRpcRequest(JsonObject Body, string Method, string? MessageId)
{
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(Body, A2AJsonContext.Default.JsonObject);

    /// <summary>
    /// Clients send A2A bodies in several shapes (spec/clients.md §0.8): the canvas and the MCP
    /// server omit the JSON-RPC envelope, and few fill <c>params.message.messageId</c>. Agents expect
    /// both, so they are added here. Returns null for a body that is not a JSON object.
    /// </summary>
    public static JsonRpcRequest? Normalize(ReadOnlySpan<byte> utf8)
    {
        JsonObject body;
        try
        {
            if (JsonNode.Parse(utf8) is not JsonObject parsed)
            {
                return null;
            }

            body = parsed;
        }
        catch (JsonException)
        {
            return null;
        }

        if (!body.ContainsKey("jsonrpc"))
        {
            body = new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = Guid.NewGuid().ToString(),
                ["method"] = body["method"]?.DeepClone(),
                ["params"] = body["params"]?.DeepClone(),
            };
        }

        string? messageId = null;
        if (body["params"] is JsonObject parameters && parameters["message"] is JsonObject message)
        {
            if (message["messageId"] is JsonValue existing && existing.TryGetValue<string>(out var id) && id.Length > 0)
            {
                messageId = id;
            }
            else
            {
                messageId = Guid.NewGuid().ToString();
                message["messageId"] = messageId;
            }
        }

        var method = body["method"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : "";
        return new JsonRpcRequest(body, method, messageId);
    }
}
