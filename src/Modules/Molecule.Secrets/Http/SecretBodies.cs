using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Secrets.Http;

/// <summary>Reads the secrets routes' JSON bodies and maps failures to the reference's texts.</summary>
internal static class SecretBodies
{
    /// <summary>Far above any real API key or model name; larger bodies are refused, not cut.</summary>
    public const long MaxBytes = 64 * 1024;

    public static ApiError TooLarge() =>
        ApiError.Of(StatusCodes.Status413PayloadTooLarge, "request body too large (limit 64 KiB)");

    public static ApiError Invalid() => ApiError.BadRequest("invalid request body");

    /// <summary>A body with a non-empty key and value, or the error to answer with.</summary>
    public static async Task<(SetSecretRequest? Body, ApiError? Error)> ReadSetSecretAsync(HttpRequest request)
    {
        var body = await JsonBodyReader.ReadAsync(request, SecretsJsonContext.Wire.SetSecretRequest, MaxBytes);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return (null, TooLarge());
        }

        return body.Ok && SecretKeys.IsStorable(body.Value!.Key) && !string.IsNullOrEmpty(body.Value.Value)
            ? (body.Value, null)
            : (null, Invalid());
    }

    /// <summary>A body <c>{model}</c> (model may be empty), or the error to answer with.</summary>
    public static async Task<(SetModelRequest? Body, ApiError? Error)> ReadSetModelAsync(HttpRequest request)
    {
        var body = await JsonBodyReader.ReadAsync(request, SecretsJsonContext.Wire.SetModelRequest, MaxBytes);
        return body.Error switch
        {
            JsonBodyError.TooLarge => (null, TooLarge()),
            _ when body.Ok => (body.Value, null),
            _ => (null, Invalid()),
        };
    }
}
