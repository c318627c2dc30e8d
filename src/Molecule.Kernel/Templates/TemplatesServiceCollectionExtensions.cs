using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Molecule.Kernel.Templates;

public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>CONFIGS_DIR</c> and registers the one <see cref="ConfigsDirectory"/>. Every module
    /// that reads templates calls it; only the first call registers anything.
    /// </summary>
    public static IServiceCollection AddConfigsDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ConfigsDirectory)))
        {
            return services;
        }

        services.AddOptions<TemplatesOptions>().Bind(configuration);
        services.AddSingleton(provider => new ConfigsDirectory(
            provider.GetRequiredService<IOptions<TemplatesOptions>>().Value.ConfigsDir, Directory.GetCurrentDirectory()));
        return services;
    }
}
