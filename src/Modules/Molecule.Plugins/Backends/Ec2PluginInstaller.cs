using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Backends;

/// <summary>
/// EC2 workspaces: pushing plugins over Instance Connect is not built yet, so every operation answers
/// the one "not available on this backend" 501. Downloads do not touch compute and work for these workspaces.
/// </summary>
internal sealed class Ec2PluginInstaller : IPluginInstaller
{
    public const string Listing = "plugin listing";
    public const string Install = "plugin install";
    public const string Uninstall = "plugin uninstall";

    public Task<InstalledPlugins> ListInstalledAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Listing, Backend.Ec2);

    public Task<PluginOperation> InstallAsync(WorkspaceRef workspace, StagedPlugin plugin, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Install, Backend.Ec2);

    public Task<PluginOperation> UninstallAsync(WorkspaceRef workspace, string name, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Uninstall, Backend.Ec2);
}
