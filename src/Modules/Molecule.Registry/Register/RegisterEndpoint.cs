using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Molecule.Kernel.Net;
using Molecule.Kernel.Workspaces;
using Molecule.Registry.Gates;
using Npgsql;

namespace Molecule.Registry.Register;

/// <summary>POST /registry/register: an agent announces itself, its URL and its card.</summary>
internal static class RegisterEndpoint
{
    private const string Removed = "workspace has been removed";

    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(
        HttpContext context,
        RegistryGate gate,
        NpgsqlDataSource db,
        IWorkspaceTokens tokens,
        IWorkspaceLifecycle lifecycle,
        IOptions<PlatformOptions> platform,
        TimeProvider clock)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request, RegistryJsonContext.Default.RegisterRequest, 256 * 1024);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var request = body.Value;
        if (!body.Ok || !RouteIds.TryParse(request!.Id, out var id) || request.AgentCard is null ||
            request.AgentCard.Value.ValueKind == JsonValueKind.Null || (!request.IsPoll && string.IsNullOrWhiteSpace(request.Url)))
        {
            return ApiError.BadRequest("invalid request body");
        }

        var url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim();
        if (url is not null && !IsLocalhostByName(url) &&
            await OutboundUrlGuard.CheckAsync(url, UrlContext(platform.Value), context.RequestAborted) is not null)
        {
            return ApiError.BadRequest("invalid request body");
        }

        if (await gate.CheckAgentAsync(context, id) is { } denied)
        {
            return denied;
        }

        var card = request.AgentCard.Value.GetRawText();
        await using (var connection = await db.OpenConnectionAsync(context.RequestAborted))
        {
            // The agent's own columns; an id nobody created gets a row named after it. The status is
            // the status machine's to change, below.
            var upserted = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                """
                INSERT INTO workspaces (id, name, url, agent_card, last_heartbeat_at, updated_at)
                VALUES (@id, @name, @url, @card::jsonb, @now, now())
                ON CONFLICT (id) DO UPDATE SET
                    url = CASE WHEN workspaces.url LIKE 'http://127.0.0.1%' THEN workspaces.url
                               ELSE COALESCE(EXCLUDED.url, workspaces.url) END,
                    agent_card = EXCLUDED.agent_card,
                    last_heartbeat_at = @now,
                    updated_at = now()
                WHERE workspaces.status <> 'removed'
                RETURNING id
                """,
                new { id, name = id.ToString(), url, card, now = clock.GetUtcNow() },
                cancellationToken: context.RequestAborted));
            if (upserted is null)
            {
                // Ours, not the reference's: a deleted workspace stays deleted (ARCHITECTURE.md §9.2).
                return ApiError.Of(StatusCodes.Status410Gone, Removed);
            }
        }

        var online = await lifecycle.TransitionAsync(id, new StatusChange(WorkspaceTrigger.Registered)
        {
            Payload = new JsonObject { ["url"] = url ?? "", ["agent_card"] = JsonNode.Parse(card) },
        });
        if (online is null)
        {
            // Removed between the two writes.
            return ApiError.Of(StatusCodes.Status410Gone, Removed);
        }

        var response = new JsonObject { ["status"] = "registered" };
        if (await tokens.CountLiveAsync(id, context.RequestAborted) == 0)
        {
            response["auth_token"] = await tokens.IssueAsync(id, context.RequestAborted);
        }

        if (request.DeliveryMode is { Length: > 0 } mode)
        {
            response["delivery_mode"] = mode;
        }

        return TypedResults.Json(response);
    }

    /// <summary>The reference lets agents register <c>localhost</c> URLs by name.</summary>
    private static bool IsLocalhostByName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    internal static OutboundUrlContext UrlContext(PlatformOptions platform) =>
        new(AllowPrivateRanges: platform.IsSaas || platform.IsDevEnvironment, AllowLoopback: platform.IsDevEnvironment);
}
