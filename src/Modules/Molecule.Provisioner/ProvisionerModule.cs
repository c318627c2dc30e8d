using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Compute;
using Molecule.Provisioner.Backends;

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
        services.AddKeyedSingleton<IWorkspaceCompute, DockerBackendNotBuilt>(Backend.Docker);
        services.AddKeyedSingleton<IWorkspaceCompute, Ec2BackendNotBuilt>(Backend.Ec2);
        return services;
    }

    /// <summary>The provisioner has no routes; lifecycle routes live in Workspaces and dispatch here.</summary>
    public static IEndpointRouteBuilder MapProvisioner(this IEndpointRouteBuilder endpoints) => endpoints;
}
