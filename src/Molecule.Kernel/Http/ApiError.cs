using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Molecule.Kernel.Http;

/// <summary>
/// Error bodies: ProblemDetails fields (type, title, status, detail) plus the reference's
/// <c>error</c> field, so old clients keep reading <c>error</c> (ARCHITECTURE.md §9.8).
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult
{
    private readonly JsonObject _body;

    private ApiError(int status, string error, JsonObject? extra)
    {
        StatusCode = status;
        Error = error;
        _body = new JsonObject
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = error,
            ["error"] = error,
        };
        if (extra is null)
        {
            return;
        }

        foreach (var (key, value) in extra)
        {
            _body[key] = value?.DeepClone();
        }
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string Error { get; }

    public static ApiError Of(int status, string error, JsonObject? extra = null) => new(status, error, extra);

    public static ApiError BadRequest(string error, JsonObject? extra = null) => new(StatusCodes.Status400BadRequest, error, extra);

    public static ApiError Unauthorized(string error) => new(StatusCodes.Status401Unauthorized, error, null);

    public static ApiError Forbidden(string error) => new(StatusCodes.Status403Forbidden, error, null);

    public static ApiError NotFound(string error, JsonObject? extra = null) => new(StatusCodes.Status404NotFound, error, extra);

    public static ApiError Conflict(string error, JsonObject? extra = null) => new(StatusCodes.Status409Conflict, error, extra);

    public static ApiError Internal(string error, JsonObject? extra = null) => new(StatusCodes.Status500InternalServerError, error, extra);

    public static ApiError Unavailable(string error, JsonObject? extra = null) => new(StatusCodes.Status503ServiceUnavailable, error, extra);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = "application/problem+json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, MoleculeJson.WriterOptions);
        _body.WriteTo(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
