using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Workspaces.Config;

/// <summary>
/// GET/PATCH /workspaces/:id/config: a free-form JSON object per workspace. PATCH merges the given
/// top-level keys into it (shallow). Both the body and the merged document are capped at 256 KiB.
/// </summary>
internal static class WorkspaceConfigEndpoints
{
    public const int MaxBytes = 256 * 1024;
    public const string TooLarge = "config exceeds 256 KiB";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/config", GetAsync)
            .WithName("GetWorkspaceConfig")
            .Produces<JsonObject>()
            .RequireWorkspaceAuth();
        endpoints.MapPatch("/config", PatchAsync)
            .WithName("PatchWorkspaceConfig")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();
    }

    // Parses only: an unknown workspace reads as an empty config, as in the reference.
    private static async Task<JsonHttpResult<JsonObject>> GetAsync(RouteWorkspaceId id, NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var data = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT data::text FROM workspace_config WHERE workspace_id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
        return WorkspacesJson.Ok(new JsonObject { ["data"] = data is null ? new JsonObject() : JsonNode.Parse(data) });
    }

    // Parses only: the body is judged before the row is looked up, inside the write's transaction.
    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> PatchAsync(
        RouteWorkspaceId id, HttpRequest request, NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request, MaxBytes);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        if (!body.Ok || ToStorableJson(body.Value!) is not { } patch)
        {
            return ApiError.BadRequest(WorkspaceErrors.InvalidBody);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @workspaceId)",
            new { workspaceId },
            transaction,
            cancellationToken: cancellationToken));
        if (!exists)
        {
            return ApiError.NotFound(WorkspaceErrors.NotFound);
        }

        var merged = await connection.QuerySingleAsync<string>(new CommandDefinition(
            """
            INSERT INTO workspace_config (workspace_id, data, updated_at) VALUES (@workspaceId, @patch::jsonb, @now)
            ON CONFLICT (workspace_id) DO UPDATE SET data = workspace_config.data || EXCLUDED.data, updated_at = EXCLUDED.updated_at
            RETURNING data::text
            """,
            new { workspaceId, patch, now = clock.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        if (Encoding.UTF8.GetByteCount(merged) > MaxBytes)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, TooLarge);
        }

        await transaction.CommitAsync(cancellationToken);
        return WorkspacesJson.Ok(new JsonObject { ["status"] = "updated", ["data"] = JsonNode.Parse(merged) });
    }

    /// <summary>The patch as JSON text Postgres accepts, or null (jsonb refuses NUL; text must be valid UTF-16).</summary>
    private static string? ToStorableJson(JsonObject patch)
    {
        try
        {
            var json = patch.ToJsonString();
            return json.Contains("\\u0000", StringComparison.Ordinal) ? null : json;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or JsonException)
        {
            return null;
        }
    }
}
