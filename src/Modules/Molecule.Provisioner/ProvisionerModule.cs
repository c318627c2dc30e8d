using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Provisioner;

public static class ProvisionerModule
{
    public static IServiceCollection AddProvisioner(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapProvisioner(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
