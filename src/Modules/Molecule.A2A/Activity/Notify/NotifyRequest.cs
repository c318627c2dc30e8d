using System.Text.Json.Nodes;

namespace Molecule.A2A.Activity.Notify;

/// <summary>A file the agent points the user at (an upload it made, a workspace path).</summary>
internal sealed record NotifyAttachment(string Uri, string Name, string? MimeType, long Size)
{
    /// <summary><c>{uri, name, mimeType?, size?}</c>: mimeType left out when empty, size when 0.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["uri"] = Uri, ["name"] = Name };
        if (!string.IsNullOrEmpty(MimeType))
        {
            json["mimeType"] = MimeType;
        }

        if (Size != 0)
        {
            json["size"] = Size;
        }

        return json;
    }
}

/// <summary>A chat message an agent pushes to the canvas.</summary>
internal sealed record NotifyRequest(string Message, IReadOnlyList<NotifyAttachment> Attachments)
{
    public const int SummaryBytes = 80;

    /// <summary>Null with the 400 text when the body cannot be used (spec §4.6 order: bind, then attachments).</summary>
    public static NotifyRequest? Parse(JsonObject? body, out string? error)
    {
        error = "message is required";
        if (body is null || !body.TryGetString("message", out var message) || message.Length == 0
            || !body.TryGetObjects("attachments", out var items))
        {
            return null;
        }

        var attachments = new List<NotifyAttachment>(items.Count);
        foreach (var item in items)
        {
            if (!item.TryGetString("uri", out var uri) || !item.TryGetString("name", out var name)
                || !item.TryGetString("mimeType", out var mimeType) || !item.TryGetInteger<long>("size", out var size))
            {
                return null;
            }

            attachments.Add(new NotifyAttachment(uri, name, mimeType, size ?? 0));
        }

        var incomplete = attachments.FindIndex(a => a.Uri.Length == 0 || a.Name.Length == 0);
        if (incomplete >= 0)
        {
            error = $"attachment[{incomplete}]: uri and name are required";
            return null;
        }

        error = null;
        return new NotifyRequest(message, attachments);
    }

    public string Summary => "Agent message: " + Utf8Preview.Truncate(Message, SummaryBytes, "…");

    /// <summary>What the canvas chat reads back: the text as <c>result</c>, files as A2A file parts.</summary>
    public JsonObject ResponseBody()
    {
        var body = new JsonObject { ["result"] = Message };
        if (Attachments.Count > 0)
        {
            body["parts"] = new JsonArray([.. Attachments.Select(a => (JsonNode)new JsonObject { ["kind"] = "file", ["file"] = a.ToJson() })]);
        }

        return body;
    }

    public JsonObject EventPayload(Guid workspaceId, string workspaceName)
    {
        var payload = new JsonObject
        {
            ["message"] = Message,
            ["workspace_id"] = workspaceId.ToString(),
            ["name"] = workspaceName,
        };
        if (Attachments.Count > 0)
        {
            payload["attachments"] = new JsonArray([.. Attachments.Select(a => (JsonNode)a.ToJson())]);
        }

        return payload;
    }
}
