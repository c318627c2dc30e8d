using Microsoft.Extensions.Options;

namespace Molecule.Files.Templates;

/// <summary>
/// The template root (CONFIGS_DIR) and which template directory belongs to a workspace: the
/// files API falls back to it when the workspace's container cannot be asked.
/// </summary>
internal sealed class WorkspaceTemplates
{
    private const string DiscoveredName = "workspace-configs-templates";
    private const string ConfigFile = "config.yaml";

    public WorkspaceTemplates(IOptions<FilesOptions> options)
        : this(options.Value.ConfigsDir, Directory.GetCurrentDirectory())
    {
    }

    public WorkspaceTemplates(string? configured, string workingDirectory)
    {
        Root = Path.TrimEndingDirectorySeparator(
            Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Discover(workingDirectory) : configured, workingDirectory));
    }

    public string Root { get; }

    /// <summary>
    /// <c>CONFIGS_DIR/&lt;normalised name&gt;</c> when it exists, else the first template (name
    /// order, <c>ws-*</c> skipped) whose config.yaml <c>name:</c> equals the workspace name
    /// ignoring case; null when neither exists.
    /// </summary>
    public string? Find(string workspaceName)
    {
        var own = Path.Combine(Root, TemplateNames.Normalize(workspaceName));
        if (Directory.Exists(own))
        {
            return own;
        }

        if (!Directory.Exists(Root))
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(directory).StartsWith("ws-", StringComparison.Ordinal))
            {
                continue;
            }

            if (ReadConfig(directory) is { } yaml
                && string.Equals(TemplateNames.ConfigName(yaml), workspaceName, StringComparison.OrdinalIgnoreCase))
            {
                return directory;
            }
        }

        return null;
    }

    private static string? ReadConfig(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, ConfigFile));
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
            if (Directory.Exists(path) && Directory.EnumerateDirectories(path).Any(dir => File.Exists(Path.Combine(dir, ConfigFile))))
            {
                return path;
            }
        }

        return DiscoveredName;
    }
}
