using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Molecule.Kernel.Runtimes;
using Molecule.Kernel.Secrets;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Lifecycle;
using Molecule.Workspaces.Provisioning;
using Molecule.Workspaces.Templates;
using Npgsql;

namespace Molecule.Workspaces.Create;

/// <summary>
/// POST /workspaces: validates, writes the workspace with everything that belongs to it in one
/// transaction, announces it, then either connects it as an external agent or starts provisioning.
/// </summary>
internal sealed partial class CreateWorkspaceHandler(
    NpgsqlDataSource db,
    ConfigsDirectory configs,
    IRuntimeCatalog runtimes,
    IWorkspaceTokens tokens,
    IProvisioningPolicy policy,
    WorkspaceEvents events,
    WorkspaceProvisioner provisioner,
    IOptions<PlatformOptions> platform,
    TimeProvider clock,
    ILogger<CreateWorkspaceHandler> logger,
    IWorkspaceSecretWriter secretWriter)
{
    /// <summary>Room for secrets and initial memories (each memory up to 100 000 bytes).</summary>
    public const long MaxBodyBytes = 4 << 20;

    public const string ParentNotFound = "parent workspace not found";

    public async Task<Results<JsonHttpResult<JsonObject>, ApiError>> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, WorkspacesJsonContext.Default.CreateWorkspaceRequest, MaxBodyBytes);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (!body.Ok)
        {
            return ApiError.BadRequest(CreateWorkspaceRules.InvalidPayload);
        }

        var (workspace, error) = CreateWorkspaceRules.Validate(body.Value!, configs, runtimes);
        if (workspace is null)
        {
            return ApiError.BadRequest(error!);
        }

        // Written once, here: restart, resume and wake keep it even when the default changes later.
        var (backend, backendError) = ComputeBackendChoice.Resolve(body.Value!.ComputeBackend, workspace, policy);
        if (backendError is not null)
        {
            return ApiError.BadRequest(backendError);
        }

        var id = Guid.NewGuid();
        if (await InsertAsync(id, workspace, backend, cancellationToken) is { } failure)
        {
            return failure;
        }

        LogCreated(id, workspace.Runtime, workspace.External);
        var created = new WorkspaceRef(
            id, workspace.Name, workspace.Runtime, workspace.Tier, WorkspaceStatus.Provisioning, null, workspace.ParentId, workspace.Url, backend);
        await events.PublishAsync(WorkspaceTrigger.Created, id, WorkspaceEvents.Provisioning(created), cancellationToken);

        if (workspace.External)
        {
            return await ConnectExternalAsync(id, workspace, request, cancellationToken);
        }

        provisioner.Enqueue(new ProvisionJob(
            id,
            workspace.TemplatePath,
            Environment: workspace.Role is null ? null : new Dictionary<string, string> { ["MOLECULE_AGENT_ROLE"] = workspace.Role }));
        return WorkspacesJson.Status(StatusCodes.Status201Created, new JsonObject
        {
            ["id"] = id,
            ["status"] = "provisioning",
            ["awareness_namespace"] = AwarenessNamespace(id),
            ["workspace_access"] = workspace.WorkspaceAccess,
        });
    }

    private async Task<JsonHttpResult<JsonObject>> ConnectExternalAsync(Guid id, NewWorkspace workspace, HttpRequest request, CancellationToken cancellationToken)
    {
        if (workspace.Url is not null)
        {
            await events.PublishAsync(WorkspaceTrigger.ExternalReachable, id, WorkspaceEvents.External(workspace.Name), cancellationToken);
            return WorkspacesJson.Status(StatusCodes.Status201Created, new JsonObject
            {
                ["id"] = id,
                ["external"] = true,
                ["status"] = "online",
            });
        }

        var token = await IssueTokenAsync(id, cancellationToken);
        await events.PublishAsync(WorkspaceTrigger.ExternalAwaitingAgent, id, WorkspaceEvents.External(workspace.Name), cancellationToken);
        var platformUrl = PlatformUrl.For(request, platform.Value.ExternalPlatformUrl);
        return WorkspacesJson.Status(StatusCodes.Status201Created, new JsonObject
        {
            ["id"] = id,
            ["external"] = true,
            ["status"] = "awaiting_agent",
            ["connection"] = ExternalConnection.Build(id, workspace.Name, platformUrl, token),
        });
    }

    /// <summary>The reference answers with an empty token when minting fails; the operator can mint one later.</summary>
    private async Task<string> IssueTokenAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.IssueAsync(id, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            LogTokenFailed(exception, id);
            return "";
        }
    }

    /// <summary>Writes the row and what belongs to it; returns the error to answer with, or null.</summary>
    private async Task<ApiError?> InsertAsync(Guid id, NewWorkspace workspace, Backend backend, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (workspace.ParentId is { } parentId && !await ParentExistsAsync(connection, transaction, parentId, cancellationToken))
            {
                return ApiError.BadRequest(ParentNotFound);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO workspaces (id, name, role, tier, status, runtime, awareness_namespace, parent_id,
                                        workspace_dir, workspace_access, budget_limit, max_concurrent_tasks, compute_backend,
                                        created_at, updated_at)
                VALUES (@id, @Name, @Role, @Tier, 'provisioning', @Runtime, @awarenessNamespace, @ParentId,
                        @WorkspaceDir, @WorkspaceAccess, @BudgetLimit, @MaxConcurrentTasks, @computeBackend, @now, @now)
                """,
                new
                {
                    id,
                    workspace.Name,
                    workspace.Role,
                    workspace.Tier,
                    workspace.Runtime,
                    awarenessNamespace = AwarenessNamespace(id),
                    workspace.ParentId,
                    workspace.WorkspaceDir,
                    workspace.WorkspaceAccess,
                    workspace.BudgetLimit,
                    workspace.MaxConcurrentTasks,
                    computeBackend = backend.ToWire(),
                    now,
                },
                transaction,
                cancellationToken: cancellationToken));

            if (workspace.Secrets.Count > 0
                && await secretWriter.UpsertAsync(transaction, id, workspace.Secrets, cancellationToken) is { } secretFailure)
            {
                return ApiError.Internal(secretFailure.Stage == SecretWriteStage.Encrypt
                    ? $"failed to encrypt secret: {secretFailure.Key}"
                    : $"failed to save secret: {secretFailure.Key}");
            }

            await InsertBelongingsAsync(connection, transaction, id, workspace, now, cancellationToken);
            if (workspace.External)
            {
                await MarkExternalAsync(connection, transaction, id, workspace, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The parent was purged between the check and the insert.
            return ApiError.BadRequest(ParentNotFound);
        }
    }

    private static async Task<bool> ParentExistsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid parentId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @parentId AND status <> 'removed')",
            new { parentId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Canvas position, initial memories and the config the provisioner starts from.</summary>
    private static async Task InsertBelongingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, NewWorkspace workspace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO canvas_layouts (workspace_id, x, y) VALUES (@id, @X, @Y)",
            new { id, workspace.X, workspace.Y },
            transaction,
            cancellationToken: cancellationToken));

        foreach (var memory in workspace.Memories)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO agent_memories (workspace_id, content, scope, namespace, created_at, updated_at)
                VALUES (@id, @Content, @Scope, @awarenessNamespace, @now, @now)
                """,
                new { id, memory.Content, memory.Scope, awarenessNamespace = AwarenessNamespace(id), now },
                transaction,
                cancellationToken: cancellationToken));
        }

        if (workspace.External)
        {
            return;
        }

        var config = new JsonObject
        {
            ["name"] = workspace.Name,
            ["runtime"] = workspace.Runtime,
            ["tier"] = workspace.Tier,
            ["template"] = workspace.Template,
        };
        if (workspace.Model is not null)
        {
            config["model"] = workspace.Model;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workspace_config (workspace_id, data, updated_at) VALUES (@id, @data::jsonb, @now)
            ON CONFLICT (workspace_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
            """,
            new { id, data = config.ToJsonString(), now },
            transaction,
            cancellationToken: cancellationToken));
    }

    private static Task MarkExternalAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, NewWorkspace workspace, DateTimeOffset now, CancellationToken cancellationToken) =>
        StatusWrites.ApplyAsync(
            connection,
            workspace.Url is null
                ? new StatusChange(WorkspaceTrigger.ExternalAwaitingAgent)
                : new StatusChange(WorkspaceTrigger.ExternalReachable) { Url = workspace.Url },
            id,
            now,
            cancellationToken,
            transaction);

    private static string AwarenessNamespace(Guid id) => $"workspace:{id}";

    [LoggerMessage(Level = LogLevel.Information, Message = "created workspace {WorkspaceId} (runtime {Runtime}, external {External})")]
    private partial void LogCreated(Guid workspaceId, string runtime, bool external);

    [LoggerMessage(Level = LogLevel.Error, Message = "minting the first token of external workspace {WorkspaceId} failed")]
    private partial void LogTokenFailed(Exception exception, Guid workspaceId);
}
