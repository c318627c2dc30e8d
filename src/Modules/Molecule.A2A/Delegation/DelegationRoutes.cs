using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
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
        var workspace = endpoints.MapWorkspaceGroup();
        workspace.MapPost("/delegate", DelegateEndpoint.HandleAsync)
            .WithName("Delegate")
            .Produces<JsonObject>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();
        workspace.MapGet("/delegations", ListDelegationsEndpoint.HandleAsync)
            .WithName("ListDelegations")
            .Produces<JsonArray>()
            .AnswersDatabaseFailure("query failed")
            .RequireWorkspaceAuth();
        workspace.MapPost("/delegations/record", RecordDelegationEndpoint.HandleAsync)
            .WithName("RecordDelegation")
            .Produces<JsonObject>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();
        workspace.MapPost("/delegations/{delegationId}/update", UpdateDelegationEndpoint.HandleAsync)
            .WithName("UpdateDelegation")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();
        return endpoints;
    }
}
