using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Molecule.A2A.Activity;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Delegation.List;

/// <summary>GET /workspaces/{id}/delegations: the 50 newest delegation rows, newest first (spec §4.12).</summary>
internal static class ListDelegationsEndpoint
{
    public const int ResponsePreviewBytes = 300;

    public static async Task<DelegationsResult> HandleAsync(RouteWorkspaceId id, DelegationStore store, CancellationToken cancellationToken)
    {
        var source = id.Value;
        return new DelegationsResult(await store.ListAsync(source, cancellationToken));
    }

    internal sealed class DelegationsResult(IReadOnlyList<DelegationListRow> rows) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(httpContext.Response.Body, MoleculeJson.WriterOptions);
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("id", row.Id);
                writer.WriteString("type", row.Type);
                writer.WriteString("source_id", row.SourceId);
                writer.WriteString("target_id", row.TargetId);
                writer.WriteString("summary", row.Summary);
                writer.WriteString("status", row.Status);
                writer.WriteTimestamp("created_at", row.CreatedAt);
                WriteIfPresent(writer, "delegation_id", row.DelegationId);
                WriteIfPresent(writer, "error", row.Error);
                WriteIfPresent(writer, "response_preview", row.ResponsePreview.Length == 0 ? "" : Utf8Preview.Truncate(row.ResponsePreview, ResponsePreviewBytes));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            await writer.FlushAsync(httpContext.RequestAborted);
        }

        private static void WriteIfPresent(Utf8JsonWriter writer, string name, string value)
        {
            if (value.Length > 0)
            {
                writer.WriteString(name, value);
            }
        }
    }
}
