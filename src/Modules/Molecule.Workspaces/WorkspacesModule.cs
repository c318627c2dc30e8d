using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Directory;

namespace Molecule.Workspaces;

public static class WorkspacesModule
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IWorkspaceDirectory, WorkspaceDirectory>();
        services.AddSingleton<IWorkspaceHierarchy, WorkspaceHierarchy>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkspaces(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
