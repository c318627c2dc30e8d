using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.Http;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.WorkspaceModel;

/// <summary>
/// GET /workspaces/{id}/model: the workspace's <c>MODEL_PROVIDER</c> secret, or the default marker
/// when it has none. Global secrets are not consulted, as in the reference.
/// </summary>
internal static class GetModelEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/model", HandleAsync)
            .WithName("GetWorkspaceModel")
            .Produces<ModelResponse>()
            .AnswersDatabaseFailure("query failed")
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<ModelResponse>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        WorkspaceSecretsTable workspaceSecrets,
        SecretEnvelope envelope,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // The reference has no id check here and fails the uuid cast with a 500; any UUID
        // spelling Postgres accepts is taken, anything else is bad input.
        var workspaceId = id.Value;
        var logger = loggers.CreateLogger(SecretsLog.Category);
        var row = await workspaceSecrets.ReadSealedAsync(workspaceId, SecretKeys.ModelProvider, cancellationToken);

        if (row is null)
        {
            return TypedResults.Json(new ModelResponse("", "default"), SecretsJsonContext.Wire.ModelResponse);
        }

        var scope = SecretScope.Workspace(workspaceId, SecretKeys.ModelProvider);
        try
        {
            var model = await envelope.OpenAsync(row.Sealed, scope, cancellationToken);
            return TypedResults.Json(new ModelResponse(model, "workspace_secrets"), SecretsJsonContext.Wire.ModelResponse);
        }
        catch (SecretCipherException exception)
        {
            logger.CipherFailed(scope.Label, exception.Message);
            return ApiError.Internal("failed to decrypt");
        }
    }
}
