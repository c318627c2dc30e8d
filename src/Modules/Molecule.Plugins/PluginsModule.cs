using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Plugins.Allowlist;
using Molecule.Plugins.Backends;
using Molecule.Plugins.Configuration;
using Molecule.Plugins.Download;
using Molecule.Plugins.Http;
using Molecule.Plugins.Install;
using Molecule.Plugins.Installed;
using Molecule.Plugins.Registry;
using Molecule.Plugins.Restarts;
using Molecule.Plugins.Sources;
using Molecule.Plugins.Staging;
using Molecule.Plugins.Uninstall;

namespace Molecule.Plugins;

/// <summary>
/// Plugins: the local registry, sources (local and GitHub) behind one resolver interface, staging with
/// the size and supply-chain checks, install/uninstall into a workspace's compute (Docker; EC2 answers
/// 501), downloads for agents that install themselves, and the per-org allowlist. Restarts go through
/// the Kernel's IWorkspaceLifecycle.
/// </summary>
public static class PluginsModule
{
    public static IServiceCollection AddPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PluginsOptions>, PluginsOptionsValidator>();
        services.AddDockerEngine(configuration);
        services.AddConfigsDirectory(configuration);

        // No Timeout here: the staging deadline (PLUGIN_INSTALL_FETCH_TIMEOUT) bounds each fetch.
        services.AddHttpClient(GithubPluginResolver.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => GuardedHttpHandler.Create(provider.GetRequiredService<IOptions<Kernel.Configuration.PlatformOptions>>()));

        services.AddSingleton<PluginRegistryDirectory>();
        services.AddSingleton<PluginRegistry>();
        services.AddSingleton<IPluginSourceResolver, LocalPluginResolver>();
        services.AddSingleton<IPluginSourceResolver, GithubPluginResolver>();
        services.AddSingleton<PluginSourceRegistry>();
        services.AddSingleton<PluginStager>();
        services.AddSingleton<OrgAllowlistTable>();
        services.AddSingleton<PluginRestarts>();
        services.AddKeyedSingleton<IPluginInstaller, DockerPluginInstaller>(Backend.Docker);
        services.AddKeyedSingleton<IPluginInstaller, Ec2PluginInstaller>(Backend.Ec2);
        return services;
    }

    public static IEndpointRouteBuilder MapPlugins(this IEndpointRouteBuilder endpoints)
    {
        ListRegistryEndpoint.Map(endpoints);
        ListSourcesEndpoint.Map(endpoints);

        var workspace = endpoints.MapWorkspaceGroup();
        ListInstalledEndpoint.Map(workspace);
        ListAvailableEndpoint.Map(workspace);
        CompatibilityEndpoint.Map(workspace);
        InstallEndpoint.Map(workspace);
        UninstallEndpoint.Map(workspace);
        DownloadEndpoint.Map(workspace);

        GetAllowlistEndpoint.Map(endpoints);
        PutAllowlistEndpoint.Map(endpoints);
        return endpoints;
    }
}
