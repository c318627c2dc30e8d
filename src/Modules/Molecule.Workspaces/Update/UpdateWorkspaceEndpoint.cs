using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Workspaces.Create;
using Molecule.Workspaces.Lifecycle;
using Npgsql;

namespace Molecule.Workspaces.Update;

/// <summary>
/// PATCH /workspaces/:id: renames, re-parents, moves on the canvas, changes tier, runtime or
/// directory. All keys are written in one transaction. Emits no event, as in the reference.
/// </summary>
internal static class UpdateWorkspaceEndpoint
{
    public const string MovedUnderItself = "a workspace cannot be moved under itself or its descendants";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPatch("/{id}", UpdateAsync)
            .WithName("UpdateWorkspace")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();

    // Parses only: the body is judged first, and the row is locked inside the write's transaction.
    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> UpdateAsync(
        RouteWorkspaceId workspace, HttpRequest request, NpgsqlDataSource db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var workspaceId = workspace.Value;
        var body = await JsonBodyReader.ReadObjectAsync(request);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, WorkspaceErrors.BodyTooLarge);
        }

        if (!body.Ok)
        {
            return ApiError.BadRequest(WorkspaceErrors.InvalidBody);
        }

        var (patch, error) = WorkspacePatch.Parse(body.Value!);
        if (patch is null)
        {
            return ApiError.BadRequest(error!);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT 1 FROM workspaces WHERE id = @workspaceId FOR UPDATE",
            new { workspaceId },
            transaction,
            cancellationToken: cancellationToken));
        if (locked is null)
        {
            return ApiError.NotFound(WorkspaceErrors.NotFound);
        }

        if (!patch.HasAllowedDirectory)
        {
            return ApiError.BadRequest(CreateWorkspaceRules.InvalidDirectory);
        }

        if (patch.ParentId is { IsSet: true, Value: { } parentId })
        {
            if (await WorkspaceTree.IsSelfOrDescendantAsync(connection, workspaceId, parentId, cancellationToken, transaction))
            {
                return ApiError.BadRequest(MovedUnderItself);
            }

            var parentExists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @parentId AND status <> 'removed')",
                new { parentId },
                transaction,
                cancellationToken: cancellationToken));
            if (!parentExists)
            {
                return ApiError.BadRequest(CreateWorkspaceHandler.ParentNotFound);
            }
        }

        await ApplyAsync(connection, transaction, workspaceId, patch, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var response = new JsonObject { ["status"] = "updated" };
        if (patch.WorkspaceDir.IsSet)
        {
            // The directory is mounted when the container starts.
            response["needs_restart"] = true;
        }

        return WorkspacesJson.Ok(response);
    }

    private static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, WorkspacePatch patch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignments = new List<string>();
        var parameters = new DynamicParameters(new { id, now });
        if (patch.Name is not null)
        {
            assignments.Add("name = @name");
            parameters.Add("name", patch.Name);
        }

        if (patch.Role.IsSet)
        {
            assignments.Add("role = @role");
            parameters.Add("role", patch.Role.Value);
        }

        if (patch.Tier is not null)
        {
            assignments.Add("tier = @tier");
            parameters.Add("tier", patch.Tier);
        }

        if (patch.ParentId.IsSet)
        {
            assignments.Add("parent_id = @parentId");
            parameters.Add("parentId", patch.ParentId.Value);
        }

        if (patch.Runtime is not null)
        {
            assignments.Add("runtime = @runtime");
            parameters.Add("runtime", patch.Runtime);
        }

        if (patch.WorkspaceDir.IsSet)
        {
            assignments.Add("workspace_dir = @workspaceDir");
            parameters.Add("workspaceDir", string.IsNullOrEmpty(patch.WorkspaceDir.Value) ? null : patch.WorkspaceDir.Value);
        }

        if (assignments.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE workspaces SET {string.Join(", ", assignments)}, updated_at = @now WHERE id = @id",
                parameters,
                transaction,
                cancellationToken: cancellationToken));
        }

        if (patch.Position is { } position)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO canvas_layouts (workspace_id, x, y) VALUES (@id, @x, @y)
                ON CONFLICT (workspace_id) DO UPDATE SET x = EXCLUDED.x, y = EXCLUDED.y
                """,
                new { id, x = position.X, y = position.Y },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (patch.Collapsed is { } collapsed)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO canvas_layouts (workspace_id, collapsed) VALUES (@id, @collapsed)
                ON CONFLICT (workspace_id) DO UPDATE SET collapsed = EXCLUDED.collapsed
                """,
                new { id, collapsed },
                transaction,
                cancellationToken: cancellationToken));
        }
    }
}
