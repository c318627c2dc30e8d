using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Events;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.A2A.Activity.Report;

/// <summary>POST /workspaces/{id}/activity: an agent records something it did (spec §4.6).</summary>
internal static class ReportActivityEndpoint
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(RouteWorkspaceId id, HttpRequest request, NpgsqlDataSource db, IEventPublisher events, CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        var parsed = ReportActivityRequest.Parse(body.Value, workspaceId);
        if (parsed.Request is not { } activity)
        {
            return ApiError.Of(parsed.Status, parsed.Error!);
        }

        int inserted;
        try
        {
            inserted = await InsertAsync(db, activity, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The reference answers 200 and loses the row; saying so lets the agent notice.
            return ApiError.NotFound("workspace not found");
        }

        // A repeated idempotency key stores nothing new and announces nothing new.
        if (inserted > 0)
        {
            await events.BroadcastOnlyAsync(EventTypes.ActivityLogged, workspaceId, ActivityLoggedEvent.Payload(activity), cancellationToken);
        }

        return TypedResults.Json(new JsonObject { ["status"] = "logged" });
    }

    private static async Task<int> InsertAsync(NpgsqlDataSource db, ReportActivityRequest activity, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO activity_logs (workspace_id, activity_type, source_id, target_id, method, summary,
                                       request_body, response_body, duration_ms, status, error_detail, idempotency_key)
            VALUES (@SourceId, @ActivityType, @SourceId, @TargetId, @Method, @Summary,
                    @request::jsonb, @response::jsonb, @DurationMs, @Status, @ErrorDetail, @IdempotencyKey)
            ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new
            {
                activity.SourceId,
                activity.ActivityType,
                activity.TargetId,
                activity.Method,
                activity.Summary,
                request = activity.RequestBody?.ToJsonString(),
                response = activity.ResponseBody?.ToJsonString(),
                activity.DurationMs,
                activity.Status,
                activity.ErrorDetail,
                activity.IdempotencyKey,
            },
            cancellationToken: cancellationToken));
    }
}
