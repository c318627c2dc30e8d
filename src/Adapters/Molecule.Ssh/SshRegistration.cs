using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Molecule.Ssh;

public static class SshRegistration
{
    /// <summary>
    /// Registers <see cref="SshSessionPool"/> and <see cref="ISshSessionConnector"/> (singletons) with
    /// <see cref="SshOptions"/> bound and validated at start. Nothing connects until a module asks for
    /// a session. The container disposes the pool, closing every session, on shutdown. Safe to call
    /// from several modules.
    /// </summary>
    public static IServiceCollection AddSshSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SshOptions>().Configure(options => SshOptions.Bind(configuration, options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SshOptions>, SshOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISshSessionConnector, SshNetSessionConnector>();
        services.TryAddSingleton(provider => new SshSessionPool(
            provider.GetRequiredService<IOptions<SshOptions>>(),
            provider.GetRequiredService<ISshSessionConnector>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SshSessionPool>>()));
        return services;
    }
}
