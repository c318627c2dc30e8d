using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Activity.Notify;

/// <summary>POST /workspaces/{id}/notify: an agent pushes a chat message to the canvas (spec §4.6).</summary>
internal static partial class NotifyEndpoint
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        HttpRequest request,
        NpgsqlDataSource db,
        IEventPublisher events,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var notify = NotifyRequest.Parse(body.Value, out var error);
        if (notify is null)
        {
            return ApiError.BadRequest(error!);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var name = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT name FROM workspaces WHERE id = @workspaceId AND status <> 'removed'",
            new { workspaceId },
            cancellationToken: cancellationToken));
        if (name is null)
        {
            return ApiError.NotFound("workspace not found");
        }

        await events.BroadcastOnlyAsync(EventTypes.AgentMessage, workspaceId, notify.EventPayload(workspaceId, name), cancellationToken);

        // The chat history reads these rows back; the message has already reached open canvases, so a
        // failed insert is logged rather than turned into an error the agent would retry.
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO activity_logs (workspace_id, activity_type, method, summary, response_body, status)
                VALUES (@workspaceId, 'a2a_receive', 'notify', @summary, @response::jsonb, 'ok')
                """,
                new { workspaceId, summary = notify.Summary, response = notify.ResponseBody().ToJsonString() },
                cancellationToken: cancellationToken));
        }
        catch (NpgsqlException exception)
        {
            LogInsertFailed(loggers.CreateLogger(typeof(NotifyEndpoint).FullName!), exception, workspaceId);
        }

        return TypedResults.Json(new JsonObject { ["status"] = "sent" });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "notify from {WorkspaceId} was broadcast but not recorded in the activity log")]
    private static partial void LogInsertFailed(ILogger logger, Exception exception, Guid workspaceId);
}
