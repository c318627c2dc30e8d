using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Files;

public static class FilesModule
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder endpoints) => endpoints;
}
