using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Workspaces;

public static class WorkspacesModule
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapWorkspaces(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
