using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Secrets.Http;
using Molecule.Secrets.Storage;
using Npgsql;

namespace Molecule.Secrets.ListGlobalSecrets;

/// <summary>GET /settings/secrets (and the legacy GET /admin/secrets): global keys, never values.</summary>
internal static class ListGlobalSecretsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/settings/secrets", HandleAsync).RequireAdminAuth();
        routes.MapGet("/admin/secrets", HandleAsync).RequireAdminAuth();
    }

    private static async Task<IResult> HandleAsync(GlobalSecretsTable globals, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecretListRow> rows;
        try
        {
            rows = await globals.ListAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            loggers.CreateLogger(SecretsLog.Category).StoreFailed(exception, "list global secrets");
            return ApiError.Internal("failed to list secrets");
        }

        var items = rows.Select(row => SecretListItem.From(row, SecretListItem.GlobalScope)).ToList();
        return TypedResults.Json(items, SecretsJsonContext.Wire.ListSecretListItem);
    }
}
