using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.BootstrapFailed;
using Molecule.Workspaces.Config;
using Molecule.Workspaces.Create;
using Molecule.Workspaces.Delete;
using Molecule.Workspaces.Directory;
using Molecule.Workspaces.Get;
using Molecule.Workspaces.Hibernate;
using Molecule.Workspaces.Lifecycle;
using Molecule.Workspaces.List;
using Molecule.Workspaces.Pause;
using Molecule.Workspaces.Provisioning;
using Molecule.Workspaces.Restart;
using Molecule.Workspaces.Resume;
using Molecule.Workspaces.State;
using Molecule.Workspaces.Templates;
using Molecule.Workspaces.Update;

namespace Molecule.Workspaces;

public static class WorkspacesModule
{
    public static IServiceCollection AddWorkspaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConfigsDirectory(configuration);

        services.AddSingleton<IWorkspaceDirectory, WorkspaceDirectory>();
        services.AddSingleton<IWorkspaceHierarchy, WorkspaceHierarchy>();
        services.AddSingleton<IWorkspaceLifecycle, WorkspaceLifecycle>();

        services.AddSingleton<ProvisionTimeoutHints>();
        services.AddSingleton<WorkspaceEvents>();
        services.AddSingleton<StatusTransitions>();
        services.AddSingleton<ComputeControl>();
        services.AddSingleton<WorkspaceProvisioner>();
        services.AddSingleton<WorkspaceRestarter>();
        services.AddSingleton<RestartTemplateResolver>();
        services.AddSingleton<ProvisionTimeoutSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<ProvisionTimeoutSweep>());

        // Scoped: they may depend on other modules' scoped services (the secret writer).
        services.AddScoped<CreateWorkspaceHandler>();
        services.AddScoped<DeleteWorkspaceHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkspaces(this IEndpointRouteBuilder endpoints)
    {
        ListWorkspacesEndpoint.Map(endpoints);
        CreateWorkspaceEndpoint.Map(endpoints);

        // The workspace itself is "/{id}" under "/workspaces": an empty pattern under "/workspaces/{id}"
        // would leave a trailing slash in the route template that logs and metrics label requests with.
        var workspaces = endpoints.MapWorkspaceGroup("/workspaces");
        GetWorkspaceEndpoint.Map(workspaces);
        UpdateWorkspaceEndpoint.Map(workspaces);
        DeleteWorkspaceEndpoint.Map(workspaces);

        var workspace = endpoints.MapWorkspaceGroup();
        WorkspaceStateEndpoint.Map(workspace);
        RestartWorkspaceEndpoint.Map(workspace);
        PauseWorkspaceEndpoint.Map(workspace);
        ResumeWorkspaceEndpoint.Map(workspace);
        HibernateWorkspaceEndpoint.Map(workspace);
        WorkspaceConfigEndpoints.Map(workspace);

        BootstrapFailedEndpoint.Map(endpoints.MapWorkspaceGroup("/admin/workspaces/{id}"));
        return endpoints;
    }
}
