using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Molecule.Docker;

public static class DockerEngineRegistration
{
    /// <summary>
    /// Registers <see cref="IDockerEngine"/> (a singleton) with <see cref="DockerOptions"/> bound from
    /// <paramref name="configuration"/> (DOCKER_HOST, DOCKER_API_VERSION,
    /// DOCKER_REQUEST_TIMEOUT_SECONDS) and validated at start. Nothing connects until the first call,
    /// so a host without Docker still starts. Safe to call from several modules.
    /// </summary>
    public static IServiceCollection AddDockerEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DockerOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DockerOptions>, DockerOptionsValidator>());
        services.TryAddSingleton<IDockerEngine, DockerEngine>();
        return services;
    }
}
