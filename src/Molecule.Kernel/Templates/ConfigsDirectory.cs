namespace Molecule.Kernel.Templates;

/// <summary>
/// The workspace template root (<c>CONFIGS_DIR</c>), shared by every module that reads templates,
/// and the one path-safety rule for them: a caller's template name becomes a directory under the
/// root, or nothing.
/// </summary>
public sealed class ConfigsDirectory
{
    /// <summary>The directory the reference looks for when <c>CONFIGS_DIR</c> is unset.</summary>
    public const string DiscoveredName = "workspace-configs-templates";

    public ConfigsDirectory(string? configured, string workingDirectory)
    {
        IsConfigured = !string.IsNullOrWhiteSpace(configured);
        Root = Path.TrimEndingDirectorySeparator(
            Path.GetFullPath(IsConfigured ? configured! : Discover(workingDirectory), workingDirectory));
    }

    /// <summary>The absolute template root; it need not exist.</summary>
    public string Root { get; }

    /// <summary>True when <c>CONFIGS_DIR</c> named the root; false when it was discovered.</summary>
    public bool IsConfigured { get; }

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
    public string? Existing(string name) => Resolve(name) is { } path && Directory.Exists(path) ? path : null;

    /// <summary>Every template directory under the root, or under a subdirectory of it (name order); empty when missing.</summary>
    public IEnumerable<string> TemplateDirectories(string? subdirectory = null)
    {
        var root = subdirectory is null ? Root : Resolve(subdirectory);
        return root is not null && Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>The text of <c>&lt;directory&gt;/config.yaml</c>; null when it cannot be read.</summary>
    public static string? ReadConfig(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, GeneratedConfig.FileName));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // As the reference: next to, above and two above the working directory, the first holding a template.
    private static string Discover(string workingDirectory)
    {
        foreach (var candidate in new[] { DiscoveredName, Path.Combine("..", DiscoveredName), Path.Combine("..", "..", DiscoveredName) })
        {
            var path = Path.GetFullPath(candidate, workingDirectory);
            if (Directory.Exists(path) && Directory.EnumerateDirectories(path).Any(dir => File.Exists(Path.Combine(dir, GeneratedConfig.FileName))))
            {
                return path;
            }
        }

        return DiscoveredName;
    }
}
