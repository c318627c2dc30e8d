using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.A2A.Activity.List;
using Molecule.A2A.Activity.Notify;
using Molecule.A2A.Activity.Report;
using Molecule.A2A.Activity.Retention;
using Molecule.A2A.Activity.SessionSearch;
using Molecule.Kernel.Auth;

namespace Molecule.A2A.Activity;

/// <summary>The activity log: list, self-report, notify, session search, and its retention job.</summary>
internal static class ActivityRoutes
{
    public static IServiceCollection AddActivity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ActivityRetentionOptions>()
            .Bind(configuration)
            .Validate(o => o.RetentionDays > 0, "ACTIVITY_RETENTION_DAYS must be positive")
            .Validate(o => o.CleanupIntervalHours > 0, "ACTIVITY_CLEANUP_INTERVAL_HOURS must be positive")
            .ValidateOnStart();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<SessionSearchStore>();
        services.AddSingleton<ActivityRetention>();
        services.AddHostedService<ActivityRetentionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapActivity(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapWorkspaceGroup();
        workspace.MapGet("/activity", ListActivityEndpoint.HandleAsync)
            .WithName("ListActivity")
            .Produces<JsonArray>()
            .AnswersDatabaseFailure("query failed")
            .RequireWorkspaceAuth();
        workspace.MapPost("/activity", ReportActivityEndpoint.HandleAsync)
            .WithName("ReportActivity")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AnswersDatabaseFailure("failed to log activity")
            .RequireWorkspaceAuth();
        workspace.MapPost("/notify", NotifyEndpoint.HandleAsync)
            .WithName("NotifyCanvas")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();
        workspace.MapGet("/session-search", SessionSearchEndpoint.HandleAsync)
            .WithName("SearchSessions")
            .Produces<JsonArray>()
            .AnswersDatabaseFailure("search failed")
            .RequireWorkspaceAuth();
        return endpoints;
    }
}
