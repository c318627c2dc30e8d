using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Directory;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Delete;

/// <summary>
/// DELETE /workspaces/:id: removes a workspace and its whole subtree. Rows are marked removed
/// first, so nothing can register or be restarted into them while their compute is torn down.
/// </summary>
internal sealed partial class DeleteWorkspaceHandler(
    NpgsqlDataSource db,
    IWorkspaceTokens tokens,
    ComputeControl compute,
    WorkspaceEvents events,
    TimeProvider clock,
    ILogger<DeleteWorkspaceHandler> logger)
{
    public const string ConfirmationMessage =
        "This workspace has sub-workspaces. Delete with ?confirm=true to cascade delete.";

    public async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(Guid workspaceId, HttpRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (request.Query["confirm"] != "true" && await ConfirmationNeededAsync(connection, workspaceId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var root = (await connection.QuerySingleOrDefaultAsync<WorkspaceRefRow>(new CommandDefinition(
            $"SELECT {WorkspaceRefRow.Columns} FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken)))?.ToRef();
        var descendants = (await WorkspaceTree.DescendantsAsync(connection, workspaceId, cancellationToken))
            .Select(row => row.ToRef()).ToList();
        var everything = descendants.Select(workspace => workspace.Id).Append(workspaceId).ToArray();

        var newlyRemoved = await MarkRemovedAsync(connection, everything, cancellationToken);
        await tokens.RevokeAllAsync(everything, cancellationToken);
        var cascadeDeleted = descendants.Count(workspace => newlyRemoved.Contains(workspace.Id));

        // Descendants first, then the root; compute is deleted for all of them, so a retry after
        // a failed stop tries again.
        var failures = new List<string>();
        foreach (var workspace in descendants)
        {
            if (await compute.DeleteAsync(workspace, cancellationToken) is { } failure)
            {
                failures.Add(failure);
            }

            if (newlyRemoved.Contains(workspace.Id))
            {
                await events.PublishAsync(WorkspaceTrigger.Remove, workspace.Id, WorkspaceEvents.Removed(), cancellationToken);
            }
        }

        if (root is not null && await compute.DeleteAsync(root, cancellationToken) is { } rootFailure)
        {
            failures.Add(rootFailure);
        }

        // As in the reference, the root's event goes out even for an id with no row.
        await events.PublishAsync(WorkspaceTrigger.Remove, workspaceId, WorkspaceEvents.RemovedRoot(cascadeDeleted), cancellationToken);
        LogRemoved(workspaceId, cascadeDeleted, failures.Count);

        if (failures.Count > 0)
        {
            return ApiError.Internal(
                $"workspace marked removed, but {failures.Count} stop call(s) failed — please retry: {string.Join("; ", failures)}",
                new JsonObject { ["removed_count"] = newlyRemoved.Count, ["stop_failures"] = failures.Count });
        }

        if (request.Query["purge"] == "true")
        {
            return await PurgeAsync(connection, everything, cascadeDeleted, cancellationToken);
        }

        return WorkspacesJson.Ok(new JsonObject { ["status"] = "removed", ["cascade_deleted"] = cascadeDeleted });
    }

    private static async Task<ApiError?> ConfirmationNeededAsync(NpgsqlConnection connection, Guid workspaceId, CancellationToken cancellationToken)
    {
        var children = (await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM workspaces WHERE parent_id = @workspaceId AND status <> 'removed' ORDER BY created_at, id",
            new { workspaceId },
            cancellationToken: cancellationToken))).ToList();
        if (children.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var (childId, name) in children)
        {
            list.Add(new JsonObject { ["id"] = childId, ["name"] = name });
        }

        return ApiError.Conflict(ConfirmationMessage, new JsonObject
        {
            ["status"] = "confirmation_required",
            ["message"] = ConfirmationMessage,
            ["children"] = list,
            ["children_count"] = children.Count,
        });
    }

    /// <summary>Marks the rows removed, drops their canvas layouts and disables their schedules; returns the ids it changed.</summary>
    private async Task<HashSet<Guid>> MarkRemovedAsync(NpgsqlConnection connection, Guid[] ids, CancellationToken cancellationToken)
    {
        var remove = StatusMachine.For(WorkspaceTrigger.Remove);
        var now = clock.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            UPDATE workspaces SET status = @to::workspace_status, updated_at = @now
            WHERE id = ANY(@ids) AND status = ANY(@from::workspace_status[])
            RETURNING id
            """,
            new { ids, to = remove.To.ToWire(), from = remove.FromWire, now },
            transaction,
            cancellationToken: cancellationToken))).ToHashSet();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM canvas_layouts WHERE workspace_id = ANY(@ids)",
            new { ids },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workspace_schedules SET enabled = false, updated_at = @now WHERE workspace_id = ANY(@ids) AND enabled",
            new { ids, now },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private async Task<Results<JsonHttpResult<JsonObject>, ApiError>> PurgeAsync(NpgsqlConnection connection, Guid[] ids, int cascadeDeleted, CancellationToken cancellationToken)
    {
        try
        {
            await WorkspacePurge.PurgeAsync(connection, ids, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            LogPurgeFailed(exception, ids[^1]);
            return ApiError.Internal("purge failed");
        }

        return WorkspacesJson.Ok(new JsonObject { ["status"] = "purged", ["cascade_deleted"] = cascadeDeleted });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "removed workspace {WorkspaceId} with {CascadeDeleted} descendants ({StopFailures} stop failures)")]
    private partial void LogRemoved(Guid workspaceId, int cascadeDeleted, int stopFailures);

    [LoggerMessage(Level = LogLevel.Error, Message = "purging workspace {WorkspaceId} failed")]
    private partial void LogPurgeFailed(Exception exception, Guid workspaceId);
}
