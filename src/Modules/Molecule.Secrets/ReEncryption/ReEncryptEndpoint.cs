using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Secrets.ReEncryption;

/// <summary>
/// POST /admin/secrets/reencrypt (AdminAuth), optional body <c>{"batch_size":N, "max_batches":M}</c>:
/// re-encrypts rows older than the current write mode and answers
/// <c>{reencrypted, failed, failed_keys, remaining, batches, current_version}</c>. KMS failing mid-run
/// answers 503 with Retry-After; the batches already done stay done and a retry continues.
/// </summary>
internal static class ReEncryptEndpoint
{
    public const string Route = "/admin/secrets/reencrypt";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, HandleAsync)
            .WithName("ReEncryptSecrets")
            .Produces<ReEncryptionReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAdminAuth();

    private static async Task<Results<JsonHttpResult<ReEncryptionReport>, ApiError>> HandleAsync(HttpRequest request, SecretReEncryptor reEncryptor, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadBytesAsync(request, ReEncryptRequest.MaxBytes);
        if (body is null)
        {
            return ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large (limit 4 KiB)");
        }

        if (!ReEncryptRequest.TryParse(body, out var limits, out var error))
        {
            return ApiError.BadRequest(error);
        }

        var report = await reEncryptor.RunAsync(limits, cancellationToken);
        return TypedResults.Json(report, ReEncryptionJsonContext.Default.ReEncryptionReport);
    }
}
