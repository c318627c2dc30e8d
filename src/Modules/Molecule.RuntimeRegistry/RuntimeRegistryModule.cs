using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Runtimes;
using Molecule.RuntimeRegistry.Ec2;

namespace Molecule.RuntimeRegistry;

public static class RuntimeRegistryModule
{
    public static IServiceCollection AddRuntimeRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuntimeRegistryOptions>()
            .Bind(configuration)
            .Validate(options => options.Validate() is null, "MOLECULE_RUNTIME_IMAGES must be runtime=image pairs separated by commas")
            .ValidateOnStart();
        services.AddSingleton<RuntimeCatalog>();
        services.AddSingleton<IRuntimeCatalog>(provider => provider.GetRequiredService<RuntimeCatalog>());

        services.AddOptions<Ec2RuntimeOptions>()
            .Bind(configuration)
            .Validate(options => options.Validate() is null, "EC2_AMI_PINS must be runtime[@region]=ami-id pairs and EC2_RUNTIME_MIN_ROOT_GB runtime=gigabytes pairs")
            .ValidateOnStart();
        services.AddSingleton<IEc2RuntimeImages, Ec2RuntimeImages>();
        return services;
    }

    /// <summary>The registry has no routes of its own; plugins and templates read it through the catalog.</summary>
    public static IEndpointRouteBuilder MapRuntimeRegistry(this IEndpointRouteBuilder endpoints) => endpoints;
}
