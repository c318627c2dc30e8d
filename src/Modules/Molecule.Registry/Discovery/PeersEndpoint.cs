using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Molecule.Registry.Gates;
using Npgsql;

namespace Molecule.Registry.Discovery;

/// <summary>GET /registry/{id}/peers: siblings (other roots for a root), then children, then the parent.</summary>
internal static class PeersEndpoint
{
    public static async Task<Results<JsonHttpResult<List<PeerResponse>>, ApiError>> HandleAsync(
        string id,
        HttpContext context,
        RegistryGate gate,
        NpgsqlDataSource db,
        IOptions<PlatformOptions> platform)
    {
        if (!RouteIds.TryParse(id, out var workspaceId))
        {
            return ApiError.BadRequest("invalid workspace ID");
        }

        if (await gate.CheckDiscoveryAsync(context, workspaceId, platform.Value) is { } denied)
        {
            return denied;
        }

        await using var connection = await db.OpenConnectionAsync(context.RequestAborted);
        var self = await connection.QuerySingleOrDefaultAsync<(Guid Id, Guid? ParentId)?>(
            "SELECT id, parent_id FROM workspaces WHERE id = @workspaceId AND status <> 'removed'", new { workspaceId });
        if (self is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        var query = context.Request.Query["q"].ToString().Trim();
        var rows = await connection.QueryAsync<PeerRow>(new CommandDefinition(
            """
            SELECT id, name, role, COALESCE(tier, 1) AS tier, status::text AS status, COALESCE(url, '') AS url,
                   parent_id, COALESCE(active_tasks, 0) AS active_tasks, agent_card::text AS agent_card,
                   CASE WHEN id = @parentId THEN 2
                        WHEN parent_id = @workspaceId THEN 1
                        ELSE 0 END AS grouping
            FROM workspaces
            WHERE status <> 'removed' AND id <> @workspaceId
              AND (parent_id IS NOT DISTINCT FROM @parentId OR parent_id = @workspaceId OR id = @parentId)
              AND (@query = '' OR name ILIKE '%' || @query || '%' OR role ILIKE '%' || @query || '%')
            ORDER BY grouping, created_at
            """,
            new { workspaceId, parentId = self.Value.ParentId, query = EscapeLike(query) },
            cancellationToken: context.RequestAborted));

        var peers = rows.Select(r => new PeerResponse(
            r.Id, r.Name, string.IsNullOrEmpty(r.Role) ? null : r.Role, r.Tier, r.Status, r.Url, r.ParentId, r.ActiveTasks,
            r.AgentCard is null ? null : JsonDocument.Parse(r.AgentCard).RootElement)).ToList();
        return TypedResults.Json(peers, RegistryJsonContext.Default.ListPeerResponse);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record PeerRow(Guid Id, string Name, string? Role, int Tier, string Status, string Url, Guid? ParentId, int ActiveTasks, string? AgentCard, int Grouping);
}
