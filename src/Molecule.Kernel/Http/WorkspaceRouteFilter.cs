using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Workspaces;

namespace Molecule.Kernel.Http;

/// <summary>
/// The one prologue of every workspace route: parse <c>{id}</c> (the route's 400), load the row once
/// through <see cref="IWorkspaceDirectory"/> (the route's 404), and hand the handler its
/// <see cref="RouteWorkspace"/> or <see cref="RouteWorkspaceId"/>. Handlers that take neither are left
/// alone, so a group can carry the filter for all its routes.
/// </summary>
public static class WorkspaceRouteFilter
{
    public const string RouteValue = "id";

    /// <summary>For <c>AddEndpointFilterFactory</c>: wraps only handlers that ask for the workspace.</summary>
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var index = Array.FindIndex(parameters, p => p.ParameterType == typeof(RouteWorkspace) || p.ParameterType == typeof(RouteWorkspaceId));
        if (index < 0)
        {
            return next;
        }

        var loads = parameters[index].ParameterType == typeof(RouteWorkspace);
        return invocation => ResolveAsync(invocation, next, index, loads);
    }

    /// <summary>The answers the prologue can give, for the API description.</summary>
    internal static void DescribeAnswers(EndpointBuilder builder, bool loads)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemContentType]));
        if (loads)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemContentType]));
        }
    }

    private const string ProblemContentType = "application/problem+json";

    private static async ValueTask<object?> ResolveAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, int index, bool loads)
    {
        var http = invocation.HttpContext;
        var errors = http.GetEndpoint()?.Metadata.GetMetadata<WorkspaceRouteErrors>() ?? WorkspaceRouteErrors.Default;
        if (!errors.TryParse(http.Request.RouteValues[RouteValue] as string, out var id))
        {
            return ApiError.Of(errors.InvalidIdStatus, errors.InvalidId);
        }

        if (!loads)
        {
            invocation.Arguments[index] = new RouteWorkspaceId(id);
            return await next(invocation);
        }

        var directory = http.RequestServices.GetRequiredService<IWorkspaceDirectory>();
        if (await directory.FindAsync(id, http.RequestAborted) is not { } row)
        {
            return ApiError.NotFound(errors.NotFound);
        }

        invocation.Arguments[index] = new RouteWorkspace(id, row);
        return await next(invocation);
    }
}
