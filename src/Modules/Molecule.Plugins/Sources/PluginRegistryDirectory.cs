using Microsoft.Extensions.Options;

namespace Molecule.Plugins.Sources;

/// <summary>
/// The local plugin registry directory: <c>PLUGINS_DIR</c> when set; otherwise, as the reference
/// looks for it, the first of <c>CONFIGS_DIR/../plugins</c>, <c>../plugins</c> and <c>plugins</c>
/// that has a subdirectory, else <c>plugins</c> under the working directory.
/// </summary>
internal sealed class PluginRegistryDirectory(IOptions<PluginsOptions> options, ConfigsDirectory configs)
{
    public string FullPath
    {
        get
        {
            var configured = options.Value;
            if (!string.IsNullOrWhiteSpace(configured.PluginsDir))
            {
                return Path.GetFullPath(configured.PluginsDir);
            }

            var candidates = new List<string>();
            if (configs.IsConfigured)
            {
                candidates.Add(Path.Combine(configs.Root, "..", "plugins"));
            }

            candidates.Add(Path.Combine("..", "plugins"));
            candidates.Add("plugins");
            var found = candidates.FirstOrDefault(HasSubdirectory) ?? "plugins";
            return Path.GetFullPath(found);
        }
    }

    private static bool HasSubdirectory(string path)
    {
        try
        {
            return Directory.Exists(path) && Directory.EnumerateDirectories(path).Any();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
