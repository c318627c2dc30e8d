using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Npgsql;

namespace Molecule.Auth.TestTokens;

/// <summary>
/// GET /admin/workspaces/{id}/test-token (spec §3.6): the bootstrap route that hands out a first
/// workspace bearer. It is deliberately outside AdminAuth so it keeps working once tokens exist;
/// its own gate is the environment and, when set, ADMIN_TOKEN alone.
/// </summary>
internal static class TestTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/admin/workspaces/{id}/test-token", HandleAsync)
            .WithName("IssueTestToken")
            .Produces<TestToken>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .AllowOpen("bootstrap token route; gated in the handler by MOLECULE_ENV and ADMIN_TOKEN");

    private static async Task<Results<JsonHttpResult<TestToken>, ApiError>> HandleAsync(
        string id,
        HttpContext context,
        IOptions<PlatformOptions> platform,
        NpgsqlDataSource db,
        IWorkspaceTokens tokens,
        AuthAudit audit,
        CancellationToken cancellationToken)
    {
        var options = platform.Value;
        if (!options.TestTokensEnabled)
        {
            return ApiError.NotFound("not found");
        }

        // Only ADMIN_TOKEN itself opens this route: org tokens, workspace tokens and sessions never do.
        if (options.HasAdminToken
            && !TokenCodec.FixedTimeEquals(PresentedCredential(context.Request.Headers.Authorization.ToString()), options.AdminToken))
        {
            return ApiError.Unauthorized("admin auth required");
        }

        // The reference lets a malformed id fail in Postgres and answers with its lookup error; kept.
        if (!RouteIds.TryParse(id, out var workspaceId))
        {
            return ApiError.Internal("lookup failed");
        }

        bool exists;
        try
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @workspaceId)",
                new { workspaceId },
                cancellationToken: cancellationToken));
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception))
        {
            audit.TestTokenFailed(exception, "lookup");
            return ApiError.Internal("lookup failed");
        }

        if (!exists)
        {
            return ApiError.NotFound("workspace not found");
        }

        string token;
        try
        {
            // Existing tokens stay live: every call adds one.
            token = await tokens.IssueAsync(workspaceId, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception))
        {
            audit.TestTokenFailed(exception, "issue");
            return ApiError.Internal("token issue failed");
        }

        audit.WorkspaceTokenIssued(workspaceId, TokenCodec.Prefix(token), "test-token");
        return TypedResults.Json(new TestToken(token, id), AuthJsonContext.Wire.TestToken);
    }

    /// <summary>The whole Authorization header, minus a leading <c>Bearer </c>; not trimmed (as the reference).</summary>
    internal static string PresentedCredential(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : authorization;
}
