using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Activity.List;

/// <summary>
/// Writes activity rows as spec §4.6 shows them: nullable columns always present, the raw JSON
/// columns (<c>request_body</c>, <c>response_body</c>, <c>tool_trace</c>) only when stored.
/// </summary>
internal sealed class ActivityListResult(IReadOnlyList<ActivityRow> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, MoleculeJson.WriterOptions);
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            Write(writer, row);
        }

        writer.WriteEndArray();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    private static void Write(Utf8JsonWriter writer, ActivityRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("id", row.Id);
        writer.WriteString("workspace_id", row.WorkspaceId);
        writer.WriteString("activity_type", row.ActivityType);
        writer.WriteNullable("source_id", row.SourceId);
        writer.WriteNullable("target_id", row.TargetId);
        writer.WriteNullable("method", row.Method);
        writer.WriteNullable("summary", row.Summary);
        writer.WriteRawJsonIfPresent("request_body", row.RequestBody);
        writer.WriteRawJsonIfPresent("response_body", row.ResponseBody);
        writer.WriteRawJsonIfPresent("tool_trace", row.ToolTrace);
        writer.WriteNullable("duration_ms", row.DurationMs);
        writer.WriteString("status", row.Status ?? "");
        writer.WriteNullable("error_detail", row.ErrorDetail);
        writer.WriteTimestamp("created_at", row.CreatedAt);
        writer.WriteEndObject();
    }
}
