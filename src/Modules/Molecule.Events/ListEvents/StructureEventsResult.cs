using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Molecule.Events.Bus;
using Molecule.Kernel.Http;

namespace Molecule.Events.ListEvents;

/// <summary>
/// Writes <c>[{id, event_type, workspace_id|null, payload, created_at}]</c>. The payload is the
/// stored JSON, re-emitted compact (Postgres renders jsonb with spaces).
/// </summary>
internal sealed class StructureEventsResult(IReadOnlyList<StructureEventRow> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, MoleculeJson.WriterOptions);
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Id);
            writer.WriteString("event_type", row.EventType);
            if (row.WorkspaceId is { } workspaceId)
            {
                writer.WriteString("workspace_id", workspaceId);
            }
            else
            {
                writer.WriteNull("workspace_id");
            }

            writer.WritePropertyName("payload");
            if (row.Payload is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                using var payload = JsonDocument.Parse(row.Payload);
                payload.RootElement.WriteTo(writer);
            }

            if (row.CreatedAt is { } createdAt)
            {
                writer.WriteString("created_at", EventWireFormat.Rfc3339Nano(new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc))));
            }
            else
            {
                writer.WriteNull("created_at");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
