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

namespace Molecule.Secrets.ListGlobalSecrets;

/// <summary>GET /settings/secrets (and the legacy GET /admin/secrets): global keys, never values.</summary>
internal static class ListGlobalSecretsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/settings/secrets", HandleAsync).WithName("ListGlobalSecrets").Produces<List<SecretListItem>>().AnswersDatabaseFailure("failed to list secrets").RequireAdminAuth();
        routes.MapGet("/admin/secrets", HandleAsync).WithName("ListGlobalSecretsAdmin").Produces<List<SecretListItem>>().AnswersDatabaseFailure("failed to list secrets").RequireAdminAuth();
    }

    private static async Task<JsonHttpResult<List<SecretListItem>>> HandleAsync(GlobalSecretsTable globals, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var rows = await globals.ListAsync(cancellationToken);

        var items = rows.Select(row => SecretListItem.From(row, SecretListItem.GlobalScope)).ToList();
        return TypedResults.Json(items, SecretsJsonContext.Wire.ListSecretListItem);
    }
}
