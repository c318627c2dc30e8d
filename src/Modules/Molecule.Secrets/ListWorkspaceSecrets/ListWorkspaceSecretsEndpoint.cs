using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Http;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.ListWorkspaceSecrets;

/// <summary>
/// GET /workspaces/{id}/secrets: the workspace's keys sorted, then the globals it does not
/// override, sorted. Never values.
/// </summary>
internal static class ListWorkspaceSecretsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/secrets", HandleAsync)
            .WithName("ListWorkspaceSecrets")
            .WithWorkspaceErrors(WorkspaceRouteErrors.LowercaseId)
            .Produces<List<SecretListItem>>()
            .AnswersDatabaseFailure("failed to list secrets")
            .RequireWorkspaceAuth();

    private static async Task<JsonHttpResult<List<SecretListItem>>> HandleAsync(
        RouteWorkspaceId id,
        WorkspaceSecretsTable workspaceSecrets,
        GlobalSecretsTable globals,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var workspaceId = id.Value;
        var own = await workspaceSecrets.ListAsync(workspaceId, cancellationToken);
        var shared = await globals.ListAsync(cancellationToken);

        var overridden = own.Select(row => row.Key).ToHashSet(StringComparer.Ordinal);
        var items = own.Select(row => SecretListItem.From(row, SecretListItem.WorkspaceScope))
            .Concat(shared.Where(row => !overridden.Contains(row.Key)).Select(row => SecretListItem.From(row, SecretListItem.GlobalScope)))
            .ToList();
        return TypedResults.Json(items, SecretsJsonContext.Wire.ListSecretListItem);
    }
}
