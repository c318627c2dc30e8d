using System.Text.Json.Nodes;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Activity.Report;

/// <summary>An activity an agent reports about itself, validated and normalised for storage.</summary>
internal sealed record ReportActivityRequest(
    string ActivityType,
    string? Method,
    string? Summary,
    Guid? TargetId,
    Guid SourceId,
    string Status,
    string? ErrorDetail,
    int? DurationMs,
    JsonNode? RequestBody,
    JsonNode? ResponseBody,
    string? IdempotencyKey)
{
    public static readonly string[] AllowedTypes =
        ["a2a_send", "a2a_receive", "task_update", "agent_log", "skill_promotion", "memory_write", "error"];

    /// <summary>A request that could be read; <see cref="Error"/> says why not otherwise.</summary>
    public readonly record struct Parsed(ReportActivityRequest? Request, int Status, string? Error);

    /// <summary>
    /// Applies the reference's checks in its order (bind, type, source) and one of ours: a
    /// <c>target_id</c> that is not a UUID is refused instead of silently losing the row.
    /// </summary>
    public static Parsed Parse(JsonObject? body, Guid workspaceId)
    {
        if (body is null
            || !body.TryGetString("activity_type", out var type) || type.Length == 0
            || !body.TryGetString("method", out var method)
            || !body.TryGetString("summary", out var summary)
            || !body.TryGetString("target_id", out var target)
            || !body.TryGetString("source_id", out var source)
            || !body.TryGetString("status", out var status)
            || !body.TryGetString("error_detail", out var errorDetail)
            || !body.TryGetString("idempotency_key", out var idempotencyKey)
            || !body.TryGetInteger<int>("duration_ms", out var duration))
        {
            return new Parsed(null, 400, "invalid request body");
        }

        if (!AllowedTypes.Contains(type))
        {
            return new Parsed(null, 400, $"invalid activity_type, must be one of: {string.Join(", ", AllowedTypes)}");
        }

        if (source.Length > 0 && !(RouteIds.TryParse(source, out var sourceId) && sourceId == workspaceId))
        {
            return new Parsed(null, 403, "source_id must match authenticated workspace");
        }

        Guid? targetId = null;
        if (target.Length > 0)
        {
            if (!RouteIds.TryParse(target, out var parsedTarget))
            {
                return new Parsed(null, 400, "target_id must be a valid UUID");
            }

            targetId = parsedTarget;
        }

        // metadata stands in for request_body when the agent sent no request_body.
        var requestBody = body.GetAny("request_body") ?? body.GetAny("metadata");
        return new Parsed(
            new ReportActivityRequest(
                type,
                NullIfEmpty(method),
                NullIfEmpty(summary),
                targetId,
                workspaceId,
                status.Length == 0 ? "ok" : status,
                NullIfEmpty(errorDetail),
                duration,
                requestBody,
                body.GetAny("response_body"),
                NullIfEmpty(idempotencyKey)),
            200,
            null);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
