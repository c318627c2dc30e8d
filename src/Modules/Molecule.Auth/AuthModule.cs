using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Auth.Enforcement;
using Molecule.Auth.OrgTokens;
using Molecule.Auth.TestTokens;
using Molecule.Auth.Tokens;
using Molecule.Auth.WorkspaceTokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Auth;

public static class AuthModule
{
    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IWorkspaceTokens, WorkspaceTokenStore>();
        services.AddSingleton<CredentialLookup>();
        services.AddSingleton<OrgTokenStore>();
        services.AddSingleton<OrgTokenCreateRateLimit>();
        services.AddSingleton<AuthAudit>();
        return services;
    }

    /// <summary>Enforces each endpoint's <c>RouteAuth</c> metadata; goes after UseRouting.</summary>
    public static IApplicationBuilder UseMoleculeAuth(this IApplicationBuilder app) =>
        app.UseMiddleware<AuthMiddleware>();

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapWorkspaceGroup();
        ListWorkspaceTokensEndpoint.Map(workspace);
        CreateWorkspaceTokenEndpoint.Map(workspace);
        RevokeWorkspaceTokenEndpoint.Map(workspace);
        ListOrgTokensEndpoint.Map(endpoints);
        CreateOrgTokenEndpoint.Map(endpoints);
        RevokeOrgTokenEndpoint.Map(endpoints);
        TestTokenEndpoint.Map(endpoints);
        return endpoints;
    }
}
