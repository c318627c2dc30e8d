using Microsoft.Extensions.Options;

namespace Molecule.Workspaces.Templates;

/// <summary>
/// The template root (CONFIGS_DIR) and the one safe way to turn a caller's template name into a
/// directory under it: anything that escapes the root is refused.
/// </summary>
internal sealed class ConfigsDirectory
{
    private const string DiscoveredName = "workspace-configs-templates";

    public ConfigsDirectory(IOptions<WorkspacesOptions> options)
        : this(options.Value.ConfigsDir, System.IO.Directory.GetCurrentDirectory())
    {
    }

    public ConfigsDirectory(string? configured, string workingDirectory)
    {
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Discover(workingDirectory) : configured, workingDirectory);
    }

    public string Root { get; }

    /// <summary>
    /// The absolute path of <paramref name="name"/> under the root, or null when it is empty,
    /// names the root itself, or escapes it. The directory need not exist.
    /// </summary>
    public string? Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, name));
        var rootWithSeparator = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        return full.StartsWith(rootWithSeparator, StringComparison.Ordinal) ? full.TrimEnd(Path.DirectorySeparatorChar) : null;
    }

    /// <summary><see cref="Resolve"/>, and only when the directory exists.</summary>
    public string? Existing(string name) => Resolve(name) is { } path && System.IO.Directory.Exists(path) ? path : null;

    /// <summary>Every template directory under the root (name order); empty when the root is missing.</summary>
    public IEnumerable<string> TemplateDirectories(string? subdirectory = null)
    {
        var root = subdirectory is null ? Root : Path.Combine(Root, subdirectory);
        return System.IO.Directory.Exists(root)
            ? System.IO.Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal)
            : [];
    }

    // The reference looks for the template root next to, above and two above the working directory.
    private static string Discover(string workingDirectory)
    {
        foreach (var candidate in new[] { DiscoveredName, Path.Combine("..", DiscoveredName), Path.Combine("..", "..", DiscoveredName) })
        {
            var path = Path.GetFullPath(candidate, workingDirectory);
            if (System.IO.Directory.Exists(path) && System.IO.Directory.EnumerateDirectories(path).Any(dir => File.Exists(Path.Combine(dir, "config.yaml"))))
            {
                return path;
            }
        }

        return DiscoveredName;
    }
}
