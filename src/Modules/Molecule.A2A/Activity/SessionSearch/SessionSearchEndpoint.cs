using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Activity.SessionSearch;

/// <summary>GET /workspaces/{id}/session-search?q=&amp;limit=: what the agent did and remembered, by text (spec §4.6).</summary>
internal static class SessionSearchEndpoint
{
    public static async Task<HitsResult> HandleAsync(RouteWorkspaceId id, HttpRequest request, SessionSearchStore store, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var limit = int.TryParse(request.Query["limit"].ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? Math.Min(asked, SessionSearchStore.MaxLimit)
            : SessionSearchStore.DefaultLimit;
        var hits = await store.SearchAsync(workspaceId, request.Query["q"].ToString().Trim(), limit, cancellationToken);
        return new HitsResult(hits);
    }

    internal sealed class HitsResult(IReadOnlyList<SessionSearchHit> hits) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(httpContext.Response.Body, MoleculeJson.WriterOptions);
            writer.WriteStartArray();
            foreach (var hit in hits)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", hit.Kind);
                writer.WriteString("id", hit.Id);
                writer.WriteString("workspace_id", hit.WorkspaceId);
                writer.WriteString("label", hit.Label);
                writer.WriteString("content", hit.Content);
                writer.WriteString("method", hit.Method);
                writer.WriteString("status", hit.Status);
                writer.WriteTimestamp("created_at", hit.CreatedAt);
                writer.WriteRawJsonIfPresent("request_body", hit.RequestBody);
                writer.WriteRawJsonIfPresent("response_body", hit.ResponseBody);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}
