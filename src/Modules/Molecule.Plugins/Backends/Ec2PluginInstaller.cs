using Molecule.Kernel.Workspaces;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Backends;

/// <summary>
/// EC2 workspaces: pushing plugins over Instance Connect is not built yet, so every operation says so
/// (501). Downloads do not touch compute and work for these workspaces.
/// </summary>
internal sealed class Ec2PluginInstaller : IPluginInstaller
{
    public Task<InstalledPlugins> ListInstalledAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        Task.FromResult(new InstalledPlugins(PluginOperation.NotBuilt, []));

    public Task<PluginOperation> InstallAsync(WorkspaceRef workspace, StagedPlugin plugin, CancellationToken cancellationToken) =>
        Task.FromResult(PluginOperation.NotBuilt);

    public Task<PluginOperation> UninstallAsync(WorkspaceRef workspace, string name, CancellationToken cancellationToken) =>
        Task.FromResult(PluginOperation.NotBuilt);
}
