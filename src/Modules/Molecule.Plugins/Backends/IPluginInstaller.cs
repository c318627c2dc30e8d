using Molecule.Kernel.Workspaces;
using Molecule.Plugins.Manifest;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Backends;

/// <summary>How a backend operation on a workspace's plugins ended.</summary>
internal enum PluginOperation
{
    Done,
    /// <summary>No running compute to act on.</summary>
    NotRunning,
    /// <summary>The compute refused or failed; the installer logged why.</summary>
    Failed,
}

internal sealed record InstalledPlugins(PluginOperation Outcome, IReadOnlyList<PluginInfo> Plugins);

/// <summary>
/// Plugins inside a workspace's compute, one implementation per backend (ARCHITECTURE.md §3),
/// resolved from the workspace row with <c>ForWorkspace</c>.
/// </summary>
internal interface IPluginInstaller
{
    /// <summary>The plugins under <c>/configs/plugins</c>; nothing running means none.</summary>
    Task<InstalledPlugins> ListInstalledAsync(WorkspaceRef workspace, CancellationToken cancellationToken);

    /// <summary>Puts the staged plugin at <c>/configs/plugins/&lt;name&gt;</c>, owned by the agent user.</summary>
    Task<PluginOperation> InstallAsync(WorkspaceRef workspace, StagedPlugin plugin, CancellationToken cancellationToken);

    /// <summary>Removes the plugin's directory, its skills and its CLAUDE.md sections.</summary>
    Task<PluginOperation> UninstallAsync(WorkspaceRef workspace, string name, CancellationToken cancellationToken);
}
