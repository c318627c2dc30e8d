using System.Text.Json.Nodes;

namespace Molecule.A2A.Activity.Report;

/// <summary>The ACTIVITY_LOGGED payload: the six middle keys always present, null when unset (spec §6).</summary>
internal static class ActivityLoggedEvent
{
    public static JsonObject Payload(ReportActivityRequest activity) => new()
    {
        ["activity_type"] = activity.ActivityType,
        ["method"] = activity.Method,
        ["summary"] = activity.Summary,
        ["status"] = activity.Status,
        ["source_id"] = activity.SourceId.ToString(),
        ["target_id"] = activity.TargetId?.ToString(),
        ["duration_ms"] = activity.DurationMs,
    };
}
