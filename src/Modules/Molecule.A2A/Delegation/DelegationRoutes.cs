using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.A2A.Delegation.Delegate;
using Molecule.A2A.Delegation.Dispatch;
using Molecule.A2A.Delegation.List;
using Molecule.A2A.Delegation.QueueDrain;
using Molecule.A2A.Delegation.Record;
using Molecule.A2A.Delegation.Update;
using Molecule.Kernel.Auth;

namespace Molecule.A2A.Delegation;

/// <summary>Workspace-to-workspace delegation: start one, list them, and let agents record and settle their own.</summary>
internal static class DelegationRoutes
{
    public static IServiceCollection AddDelegation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DelegationOptions>()
            .Bind(configuration)
            .Validate(o => o.RetryDelayMilliseconds >= 0, "DELEGATION_RETRY_DELAY_MS must not be negative")
            .ValidateOnStart();
        services.AddSingleton<DelegationStore>();
        services.AddSingleton<DelegationOutcomes>();
        services.AddSingleton<A2ADispatcher>();
        services.AddSingleton<DelegationRunner>();
        services.AddSingleton<IDelegationQueueHook, DelegationQueueHook>();
        return services;
    }

    public static IEndpointRouteBuilder MapDelegation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/workspaces/{id}/delegate", DelegateEndpoint.HandleAsync).RequireWorkspaceAuth();
        endpoints.MapGet("/workspaces/{id}/delegations", ListDelegationsEndpoint.HandleAsync).RequireWorkspaceAuth();
        endpoints.MapPost("/workspaces/{id}/delegations/record", RecordDelegationEndpoint.HandleAsync).RequireWorkspaceAuth();
        endpoints.MapPost("/workspaces/{id}/delegations/{delegationId}/update", UpdateDelegationEndpoint.HandleAsync).RequireWorkspaceAuth();
        return endpoints;
    }
}
