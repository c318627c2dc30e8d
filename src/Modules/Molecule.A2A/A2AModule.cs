using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.A2A.Activity;
using Molecule.A2A.Admin;
using Molecule.A2A.Delegation;
using Molecule.A2A.Proxy;
using Molecule.A2A.Queue;
using Molecule.Kernel.A2A;
using Molecule.Kernel.Auth;

namespace Molecule.A2A;

public static class A2AModule
{
    public static IServiceCollection AddA2A(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<A2AOptions>()
            .Bind(configuration)
            .Validate(o => o.IdleTimeoutSeconds > 0, "A2A_IDLE_TIMEOUT_SECONDS must be positive")
            .Validate(o => o.MaxBodyBytes > 0, "A2A_MAX_BODY_BYTES must be positive")
            .Validate(o => o.MaxResponseBytes > 0, "A2A_MAX_RESPONSE_BYTES must be positive")
            .Validate(o => o.CeilingMinutes > 0, "A2A_CEILING_MINUTES must be positive")
            .Validate(o => o.AuthCacheSeconds >= 0, "A2A_AUTH_CACHE_SECONDS must be 0 or more")
            .Validate(o => o.TargetCacheMilliseconds >= 0, "A2A_TARGET_CACHE_MS must be 0 or more")
            .ValidateOnStart();

        // Agent calls never follow redirects: a redirect could point anywhere the SSRF guard forbids.
        services.AddHttpClient(AgentForwarder.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxConnectionsPerServer = 1024,
            });
        services.AddSingleton<AgentForwarder>();
        services.AddSingleton<CallerAuthorization>();
        services.AddKeyedSingleton(CallerAuthorization.PassCacheKey, (provider, _) => new RecentPassCache(
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<A2AOptions>>().Value.AuthCacheSeconds),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<A2ATargetCache>();
        services.AddSingleton<DeadAgentCheck>();
        services.AddSingleton<TargetUrlPolicy>();
        services.AddSingleton<A2AQueueStore>();
        services.AddSingleton<ProxyActivityWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<ProxyActivityWriter>());
        services.AddSingleton<A2AQueueDrainer>();
        services.AddSingleton<IA2AQueue>(provider => provider.GetRequiredService<A2AQueueDrainer>());
        services.AddActivity(configuration);
        services.AddDelegation(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapA2A(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWorkspaceGroup().MapPost("/a2a", ProxyEndpoint.HandleAsync)
            .WithName("ProxyA2A")
            .WithWorkspaceErrors(WorkspaceRouteErrors.NotFoundForMalformedId)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<JsonObject>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowOpen("callers are checked in the handler: a workspace caller needs its own token and the hierarchy rule; no caller header is the canvas");
        endpoints.MapActivity();
        endpoints.MapDelegation();
        endpoints.MapA2AAdmin();
        return endpoints;
    }
}
