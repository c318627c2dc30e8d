using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Aws;
using Molecule.Docker;
using Molecule.Kernel.Compute;
using Molecule.Provisioner.Backends;
using Molecule.Provisioner.Docker;
using Molecule.Provisioner.Ec2;
using Molecule.Provisioner.Health;
using Molecule.Provisioner.ImageRefresh;

namespace Molecule.Provisioner;

public static class ProvisionerModule
{
    public static IServiceCollection AddProvisioner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvisionerOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .Validate(options => options.HasValidDefaultBackend, "Provisioner:DefaultBackend must be docker or ec2")
            .ValidateOnStart();
        services.AddSingleton<IProvisioningPolicy, ProvisioningPolicy>();

        services.AddDockerEngine(configuration);
        services.AddOptions<DockerProvisionerOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DockerProvisionerOptions>, DockerProvisionerOptionsValidator>();
        services.AddSingleton<WorkspaceSettingsReader>();
        services.AddSingleton<PlatformUrlResolver>();
        services.AddSingleton<ProgressEvents>();
        services.AddSingleton<ProvisionProgress>();
        services.AddSingleton<WorkspaceImages>();
        services.AddSingleton<WorkspaceResources>();
        services.AddSingleton<ContainerOperations>();
        services.AddSingleton<DockerCompute>();
        services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Docker, (provider, _) => provider.GetRequiredService<DockerCompute>());

        // EC2: one instance per workspace, reached through the AWS clients (AddAwsClients is idempotent).
        services.AddAwsClients(configuration);
        services.AddOptions<Ec2ProvisionerOptions>()
            .Bind(configuration)
            .Validate(options => options.Validate() is null, "EC2_TIER_TABLE must be tier=instance-type/gigabytes pairs and the EC2 timeouts positive")
            .ValidateOnStart();
        services.AddSingleton<Ec2Readiness>();
        services.AddSingleton<Ec2Progress>();
        services.AddSingleton<Ec2Instances>();
        services.AddSingleton<Ec2SecurityGroups>();
        services.AddSingleton<Ec2BootstrapSecrets>();
        services.AddSingleton<Ec2InstanceRecorder>();
        services.AddSingleton<Ec2Compute>();
        services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Ec2, (provider, _) => provider.GetRequiredService<Ec2Compute>());

        // The engine, not the database, knows when a container dies or disappears.
        services.AddSingleton<WorkspaceHealthWrites>();
        services.AddSingleton<ExitHistory>();
        services.AddSingleton<BackgroundRestarts>();
        services.AddSingleton<ContainerLogTail>();
        services.AddSingleton<ContainerExitHandler>();
        services.AddHostedService<ContainerExitWatcher>();
        services.AddSingleton<ContainerReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<ContainerReconciler>());

        services.AddSingleton<WorkspaceImageRefresher>();
        return services;
    }

    /// <summary>Lifecycle routes live in Workspaces and dispatch here; this module maps only the image refresh.</summary>
    public static IEndpointRouteBuilder MapProvisioner(this IEndpointRouteBuilder endpoints)
    {
        RefreshImagesEndpoint.Map(endpoints);
        return endpoints;
    }
}
