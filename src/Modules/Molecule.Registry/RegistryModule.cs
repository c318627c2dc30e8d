using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Registry.Discovery;
using Molecule.Registry.Gates;
using Molecule.Registry.Heartbeat;
using Molecule.Registry.Liveness;
using Molecule.Registry.Register;
using Molecule.Registry.UpdateCard;

namespace Molecule.Registry;

public static class RegistryModule
{
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistryOptions>()
            .Bind(configuration)
            .Validate(o => o.LivenessTtlSeconds > 0, "LIVENESS_TTL_SECONDS must be a positive number of seconds")
            .Validate(o => o.LivenessSweepSeconds > 0, "LIVENESS_SWEEP_SECONDS must be a positive number of seconds")
            .Validate(o => o.HeartbeatAuthCacheSeconds >= 0, "HEARTBEAT_AUTH_CACHE_SECONDS must be 0 or more")
            .ValidateOnStart();
        services.AddSingleton<RegistryGate>();
        services.AddKeyedSingleton(HeartbeatEndpoint.PassCacheKey, (provider, _) => new RecentPassCache(
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<RegistryOptions>>().Value.HeartbeatAuthCacheSeconds),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RuntimeOverrides>();
        services.AddSingleton<IAgentRuntimeSignals>(provider => provider.GetRequiredService<RuntimeOverrides>());
        services.AddSingleton<HeartbeatCoalescer>();
        services.AddHostedService(provider => provider.GetRequiredService<HeartbeatCoalescer>());
        services.AddSingleton<LivenessSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<LivenessSweep>());
        return services;
    }

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        var registry = endpoints.MapGroup("/registry");
        registry.MapPost("/register", RegisterEndpoint.HandleAsync)
            .WithName("RegisterAgent").Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowOpen("agent bootstrap; token gate in the handler");
        registry.MapPost("/heartbeat", HeartbeatEndpoint.HandleAsync)
            .WithName("Heartbeat").Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .AllowOpen("token gate in the handler");
        registry.MapPost("/update-card", UpdateCardEndpoint.HandleAsync)
            .WithName("UpdateAgentCard").Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .AnswersDatabaseFailure("failed to update card")
            .AllowOpen("token gate in the handler");
        registry.MapGet("/discover/{id}", DiscoverEndpoint.HandleAsync)
            .WithName("DiscoverWorkspace").Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowOpen("caller gate in the handler");
        registry.MapGet("/{id}/peers", PeersEndpoint.HandleAsync)
            .WithName("ListPeers").Produces<JsonArray>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AllowOpen("caller gate in the handler");
        registry.MapPost("/check-access", CheckAccessEndpoint.HandleAsync)
            .WithName("CheckAccess").Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest)
            .AllowOpen("answers a yes/no question about ids; the reference leaves it open");
        return endpoints;
    }
}
