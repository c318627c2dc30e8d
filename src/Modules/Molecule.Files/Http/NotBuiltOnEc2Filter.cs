using Microsoft.AspNetCore.Http;
using Molecule.Files.Backends;
using Molecule.Kernel.Http;

namespace Molecule.Files.Http;

/// <summary>Turns a backend that is not built yet into a clear 501 naming the feature.</summary>
internal sealed class NotBuiltOnEc2Filter(string feature) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BackendNotBuiltException)
        {
            return ApiError.Of(StatusCodes.Status501NotImplemented, $"{feature} for EC2 workspaces is not built yet");
        }
    }
}
