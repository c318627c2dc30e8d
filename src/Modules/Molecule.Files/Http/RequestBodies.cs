using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Molecule.Files.Http;

internal static class RequestBodies
{
    /// <summary>
    /// Lets the server accept up to <paramref name="maxBytes"/> for this request (Kestrel's default
    /// is about 28 MiB); the route still enforces its own cap while reading.
    /// </summary>
    public static void AllowUpTo(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }
}
