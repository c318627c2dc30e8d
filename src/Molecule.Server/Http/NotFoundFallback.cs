using Molecule.Kernel.Auth;

namespace Molecule.Server.Http;

/// <summary>Marks the catch-all endpoint, so logs and metrics label it "unmatched" rather than <c>/{*path}</c>.</summary>
internal sealed class NotFoundFallbackMetadata;

internal static class NotFoundFallback
{
    /// <summary>
    /// Answers every request no route takes the way Gin does: 404 <c>404 page not found</c> as text/plain.
    /// Being a catch-all endpoint it also wins over the framework's 405 for a known path with a wrong
    /// method, which Gin answers with the same 404.
    /// </summary>
    public static IEndpointConventionBuilder MapNotFoundFallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("{*path}", WriteAsync)
            .WithMetadata(new NotFoundFallbackMetadata())
            .AllowOpen("no such route: 404 for everyone")
            .ExcludeFromDescription();

    private static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("404 page not found", context.RequestAborted);
    }
}
