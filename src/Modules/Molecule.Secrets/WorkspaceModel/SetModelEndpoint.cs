using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Http;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.WorkspaceModel;

/// <summary>
/// PUT /workspaces/{id}/model <c>{model}</c>: stores the <c>MODEL_PROVIDER</c> secret, or clears it
/// when the model is empty, then restarts the workspace so the runtime picks the change up.
/// </summary>
internal static class SetModelEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/model", HandleAsync)
            .WithName("SetWorkspaceModel")
            .Produces<ModelChanged>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AnswersDatabaseFailure("failed to clear model")
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<ModelChanged>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        HttpRequest request,
        WorkspaceSecretSaver saver,
        WorkspaceSecretsTable workspaceSecrets,
        SecretRestarts restarts,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var (body, invalid) = await SecretBodies.ReadSetModelAsync(request);
        if (invalid is not null)
        {
            return invalid;
        }

        var logger = loggers.CreateLogger(SecretsLog.Category);
        return string.IsNullOrEmpty(body!.Model)
            ? await ClearAsync(workspaceId, workspaceSecrets, restarts, logger, cancellationToken)
            : await SaveAsync(workspaceId, body.Model, saver, restarts, cancellationToken);
    }

    private static async Task<Results<JsonHttpResult<ModelChanged>, ApiError>> ClearAsync(
        Guid workspaceId,
        WorkspaceSecretsTable workspaceSecrets,
        SecretRestarts restarts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var deleted = await workspaceSecrets.DeleteAsync(workspaceId, SecretKeys.ModelProvider, cancellationToken);

        // Clearing a model that was never set changes nothing, so the agent keeps running.
        if (deleted)
        {
            logger.WorkspaceSecretDeleted(SecretKeys.ModelProvider, workspaceId);
            restarts.RestartWorkspace(workspaceId, "model cleared");
        }

        return TypedResults.Json(new ModelChanged(Model: null, "cleared"), SecretsJsonContext.Wire.ModelChanged);
    }

    private static async Task<Results<JsonHttpResult<ModelChanged>, ApiError>> SaveAsync(
        Guid workspaceId,
        string model,
        WorkspaceSecretSaver saver,
        SecretRestarts restarts,
        CancellationToken cancellationToken)
    {
        if (await saver.SaveAsync(workspaceId, SecretKeys.ModelProvider, model, "failed to save model", cancellationToken) is { } failed)
        {
            return failed;
        }

        restarts.RestartWorkspace(workspaceId, "model changed");
        return TypedResults.Json(new ModelChanged(model, "saved"), SecretsJsonContext.Wire.ModelChanged);
    }
}
