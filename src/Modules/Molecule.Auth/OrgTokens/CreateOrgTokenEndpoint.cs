using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Auth.OrgTokens;

/// <summary>POST /org/tokens <c>{name?}</c>: mints an org token and shows its plaintext once.</summary>
internal static class CreateOrgTokenEndpoint
{
    public const int MaxNameLength = 100;

    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/org/tokens", HandleAsync)
            .WithName("CreateOrgToken")
            .Produces<CreatedOrgToken>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAdminAuth()
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<OrgTokenCreateRateLimit>());

    private static async Task<Results<JsonHttpResult<CreatedOrgToken>, ApiError>> HandleAsync(
        HttpContext context, OrgTokenStore store, AuthAudit audit, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadBytesAsync(context.Request, MaxBodyBytes);
        if (body is null)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (!TryReadName(body, out var name))
        {
            return ApiError.BadRequest("invalid request body");
        }

        if (name is not null && name.EnumerateRunes().Count() > MaxNameLength)
        {
            return ApiError.BadRequest("name too long (max 100 chars)");
        }

        // A token minted with an org token is attributed to it and stays in its org.
        var caller = AuthenticatedCaller.Of(context);
        var (createdBy, orgId) = caller is { IsOrgToken: true }
            ? ($"org-token:{caller.TokenPrefix}", caller.OrgId)
            : ("admin-token", null);

        var (id, plaintext) = await store.IssueAsync(name, createdBy, orgId, cancellationToken);
        var prefix = TokenCodec.Prefix(plaintext);
        audit.OrgTokenIssued(id, prefix, createdBy);
        return TypedResults.Json(
            new CreatedOrgToken(id, prefix, name, plaintext, "copy this token now; it will not be shown again"),
            AuthJsonContext.Wire.CreatedOrgToken);
    }

    /// <summary>The body is optional; an empty name counts as none.</summary>
    private static bool TryReadName(byte[] body, out string? name)
    {
        name = null;
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return true;
        }

        try
        {
            var request = JsonSerializer.Deserialize(body, AuthJsonContext.Wire.CreateOrgTokenRequest);
            name = string.IsNullOrEmpty(request?.Name) ? null : request.Name;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
