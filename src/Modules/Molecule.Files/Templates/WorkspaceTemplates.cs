namespace Molecule.Files.Templates;

/// <summary>
/// Which template directory under CONFIGS_DIR belongs to a workspace: the files API falls back to
/// it when the workspace's container cannot be asked.
/// </summary>
internal sealed class WorkspaceTemplates(ConfigsDirectory configs)
{
    /// <summary>
    /// <c>CONFIGS_DIR/&lt;normalised name&gt;</c> when it exists, else the first template (name
    /// order, <c>ws-*</c> skipped) whose config.yaml <c>name:</c> equals the workspace name
    /// ignoring case; null when neither exists.
    /// </summary>
    public string? Find(string workspaceName)
    {
        if (configs.Existing(TemplateNames.Normalize(workspaceName)) is { } own)
        {
            return own;
        }

        foreach (var directory in configs.TemplateDirectories())
        {
            if (Path.GetFileName(directory).StartsWith("ws-", StringComparison.Ordinal))
            {
                continue;
            }

            if (ConfigsDirectory.ReadConfig(directory) is { } yaml
                && string.Equals(TemplateNames.ConfigName(yaml), workspaceName, StringComparison.OrdinalIgnoreCase))
            {
                return directory;
            }
        }

        return null;
    }
}
