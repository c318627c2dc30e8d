using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Secrets;
using Molecule.Secrets.Http;

namespace Molecule.Secrets.ReadSecretValues;

/// <summary>
/// GET /workspaces/{id}/secrets/values: the decrypted environment for an agent that pulls its own
/// secrets. Behind a second gate — once the workspace has a live token only that workspace's
/// bearer passes — and all or nothing: one undecryptable value fails the whole answer.
/// </summary>
internal static class ReadSecretValuesEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/secrets/values", HandleAsync)
            .WithName("ReadWorkspaceSecretValues")
            .WithWorkspaceErrors(WorkspaceRouteErrors.LowercaseId)
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AnswersDatabaseFailure("failed to read secrets")
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<IReadOnlyDictionary<string, string>>, ApiError>> HandleAsync(
        RouteWorkspaceId id,
        HttpContext context,
        IWorkspaceTokens tokens,
        ISecretReader secrets,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        if (await tokens.RequireOwnBearerAsync(context, workspaceId, cancellationToken) is { } denied)
        {
            return denied;
        }

        IReadOnlyDictionary<string, string> values;
        try
        {
            values = await secrets.ReadMergedAsync(workspaceId, cancellationToken);
        }
        catch (SecretDecryptionException exception)
        {
            return ApiError.Internal(
                "one or more secrets failed to decrypt; refusing to return partial bundle",
                new JsonObject { ["failed_keys"] = new JsonArray([.. exception.FailedKeys.Select(label => JsonValue.Create(label))]) });
        }

        // Plaintext secrets must not linger in any cache between the agent and us.
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.Json(values, SecretsJsonContext.Wire.IReadOnlyDictionaryStringString);
    }
}
