using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Terminal;

public static class TerminalModule
{
    public static IServiceCollection AddTerminal(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapTerminal(this IEndpointRouteBuilder endpoints) => endpoints;
}
