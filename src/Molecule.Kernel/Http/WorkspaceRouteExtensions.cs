using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Molecule.Kernel.Http;

public static class WorkspaceRouteExtensions
{
    /// <summary>
    /// A group for routes under one workspace (<c>/workspaces/{id}</c> by default). Its handlers take
    /// <see cref="RouteWorkspace"/> or <see cref="RouteWorkspaceId"/> instead of parsing the id.
    /// </summary>
    public static RouteGroupBuilder MapWorkspaceGroup(this IEndpointRouteBuilder endpoints, string prefix = "/workspaces/{id}")
    {
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilterFactory(WorkspaceRouteFilter.Create);
        return group;
    }

    /// <summary>The route's own words for a malformed or unknown id.</summary>
    public static TBuilder WithWorkspaceErrors<TBuilder>(this TBuilder builder, WorkspaceRouteErrors errors)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(errors);
}
