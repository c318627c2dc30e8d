using System.Text.Json.Nodes;

namespace Molecule.A2A.Delegation.Delegate;

/// <summary>A task one workspace hands to another.</summary>
internal sealed record DelegationTask(Guid Id, Guid Source, Guid Target, string Task)
{
    /// <summary>The A2A <c>message/send</c> the target receives; the message id is the delegation id, so retries and the queue deduplicate.</summary>
    public JsonObject Message() => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = Guid.NewGuid().ToString(),
        ["method"] = "message/send",
        ["params"] = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["role"] = "user",
                ["messageId"] = Id.ToString(),
                ["parts"] = new JsonArray(new JsonObject { ["kind"] = "text", ["text"] = Task }),
            },
        },
    };
}
