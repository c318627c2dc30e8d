using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Staging;

/// <summary>A fetched plugin that passed every check, on disk until disposed.</summary>
internal sealed class StagedPlugin(string name, PluginSource source, StagingDirectory staging, IReadOnlyList<StagedEntry> entries) : IDisposable
{
    public string Name { get; } = name;

    public PluginSource Source { get; } = source;

    /// <summary>The plugin's root directory.</summary>
    public string Root => staging.Root;

    /// <summary>Every file and directory below the root, in path order.</summary>
    public IReadOnlyList<StagedEntry> Entries { get; } = entries;

    /// <summary>A path outside the plugin's tree for an archive of it; deleted with the staging.</summary>
    public string ScratchFile(string name) => staging.ScratchFile(name);

    public void Dispose() => staging.Dispose();
}
