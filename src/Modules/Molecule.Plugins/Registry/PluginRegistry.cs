using Molecule.Plugins.Manifest;
using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Registry;

/// <summary>
/// The plugins the local registry directory offers: one per subdirectory, named after it (a
/// <c>name:</c> in plugin.yaml does not rename it), described by its plugin.yaml.
/// </summary>
internal sealed class PluginRegistry(PluginRegistryDirectory directory)
{
    private const long MaxPluginYamlBytes = 1024 * 1024;

    /// <summary>Every plugin, by name; with <paramref name="runtime"/>, only those that support it.</summary>
    public async Task<IReadOnlyList<PluginInfo>> ListAsync(string? runtime, CancellationToken cancellationToken)
    {
        var root = directory.FullPath;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var plugins = new List<PluginInfo>();
        foreach (var path in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.'))
            {
                continue;
            }

            var plugin = PluginManifestReader.Read(name, await ReadYamlAsync(path, cancellationToken));
            if (string.IsNullOrEmpty(runtime) || plugin.Supports(runtime))
            {
                plugins.Add(plugin);
            }
        }

        return plugins;
    }

    private static async Task<string?> ReadYamlAsync(string pluginDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(pluginDirectory, PluginManifestReader.FileName);
        try
        {
            var file = new FileInfo(path);
            return file.Exists && file.Length <= MaxPluginYamlBytes ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
