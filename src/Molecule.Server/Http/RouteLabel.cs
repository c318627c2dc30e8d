using Microsoft.AspNetCore.Diagnostics;

namespace Molecule.Server.Http;

/// <summary>The route template a request matched, for logs and metrics: bounded, and free of ids and tokens.</summary>
internal static class RouteLabel
{
    public const string Unmatched = "unmatched";

    public static string Of(HttpContext context)
    {
        // The exception handler clears the endpoint before writing its 500; it keeps a copy in its feature.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint is not RouteEndpoint route || endpoint.Metadata.GetMetadata<NotFoundFallbackMetadata>() is not null)
        {
            return Unmatched;
        }

        var template = route.RoutePattern.RawText ?? "";
        return template.StartsWith('/') ? template : "/" + template;
    }
}
