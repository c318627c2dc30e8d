using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.RuntimeRegistry;

public static class RuntimeRegistryModule
{
    public static IServiceCollection AddRuntimeRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapRuntimeRegistry(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
