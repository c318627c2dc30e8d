using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Kernel.Compute;

/// <summary>
/// Answers a <see cref="BackendNotAvailableException"/> from any route with 501 and its message in
/// the project's error body. Registered once by the host, ahead of its catch-all handler.
/// </summary>
public sealed class BackendNotAvailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BackendNotAvailableException notAvailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        await ApiError.Of(StatusCodes.Status501NotImplemented, notAvailable.Message).ExecuteAsync(httpContext);
        return true;
    }
}
