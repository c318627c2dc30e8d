using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        routes.MapGet("/workspaces/{id}/secrets", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
        WorkspaceSecretsTable workspaceSecrets,
        GlobalSecretsTable globals,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParseLowercase(id, out var workspaceId))
        {
            return WorkspaceIds.Invalid();
        }

        IReadOnlyList<SecretListRow> own, shared;
        try
        {
            own = await workspaceSecrets.ListAsync(workspaceId, cancellationToken);
            shared = await globals.ListAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            loggers.CreateLogger(SecretsLog.Category).StoreFailed(exception, "list workspace secrets");
            return ApiError.Internal("failed to list secrets");
        }

        var overridden = own.Select(row => row.Key).ToHashSet(StringComparer.Ordinal);
        var items = own.Select(row => SecretListItem.From(row, SecretListItem.WorkspaceScope))
            .Concat(shared.Where(row => !overridden.Contains(row.Key)).Select(row => SecretListItem.From(row, SecretListItem.GlobalScope)))
            .ToList();
        return TypedResults.Json(items, SecretsJsonContext.Wire.ListSecretListItem);
    }
}
