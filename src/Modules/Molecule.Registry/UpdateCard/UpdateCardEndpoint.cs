using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Molecule.Registry.Gates;
using Npgsql;

namespace Molecule.Registry.UpdateCard;

internal sealed record UpdateCardRequest(
    [property: JsonPropertyName("workspace_id")] string? WorkspaceId,
    [property: JsonPropertyName("agent_card")] JsonElement? AgentCard);

/// <summary>POST /registry/update-card: replace the agent card, visible at once in GET /workspaces/:id.</summary>
internal static class UpdateCardEndpoint
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(HttpContext context, RegistryGate gate, NpgsqlDataSource db, IEventPublisher events)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request, RegistryJsonContext.Default.UpdateCardRequest, 256 * 1024);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var request = body.Value;
        if (!body.Ok || !RouteIds.TryParse(request!.WorkspaceId, out var id) ||
            request.AgentCard is not { ValueKind: not JsonValueKind.Null } card)
        {
            return ApiError.BadRequest("invalid request body");
        }

        if (await gate.CheckAgentAsync(context, id) is { } denied)
        {
            return denied;
        }

        var raw = card.GetRawText();
        await using (var connection = await db.OpenConnectionAsync(context.RequestAborted))
        {
            await connection.ExecuteAsync(
                "UPDATE workspaces SET agent_card = @raw::jsonb, updated_at = now() WHERE id = @id",
                new { id, raw });
        }

        await events.RecordAndBroadcastAsync(EventTypes.AgentCardUpdated, id, new JsonObject { ["agent_card"] = JsonNode.Parse(raw) });
        return TypedResults.Json(new JsonObject { ["status"] = "updated" });
    }
}
