using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Plugins;

public static class PluginsModule
{
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapPlugins(this IEndpointRouteBuilder endpoints) => endpoints;
}
