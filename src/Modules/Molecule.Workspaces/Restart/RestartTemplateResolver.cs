using Molecule.Kernel.Runtimes;
using Molecule.Kernel.Workspaces;
using Molecule.Workspaces.Templates;

namespace Molecule.Workspaces.Restart;

/// <summary>
/// Picks the configuration a restart starts from, in the reference's priority: an explicit
/// template; with <c>apply_template</c> the template matching the workspace's name; with
/// <c>rebuild_config</c> the matching org template; with <c>apply_template</c> the runtime's
/// default template; otherwise the existing config volume, keeping the user's edits.
/// </summary>
internal sealed class RestartTemplateResolver(ConfigsDirectory configs, IRuntimeCatalog runtimes)
{
    public const string ExistingVolume = "existing-volume";
    private const string OrgTemplates = "org-templates";

    /// <summary>The template directory (null: existing volume) and the label the response reports.</summary>
    public (string? Path, string Label) Resolve(WorkspaceRef workspace, RestartRequest request)
    {
        if (!string.IsNullOrEmpty(request.Template) && configs.Existing(request.Template) is { } explicitPath)
        {
            return (explicitPath, request.Template);
        }

        if (request.ApplyTemplate == true && MatchByName(workspace.Name, null) is { } byName)
        {
            return (byName, Path.GetFileName(byName));
        }

        if (request.RebuildConfig == true && MatchByName(workspace.Name, OrgTemplates) is { } orgTemplate)
        {
            return (orgTemplate, $"{OrgTemplates}/{Path.GetFileName(orgTemplate)}");
        }

        if (request.ApplyTemplate == true && configs.Existing($"{runtimes.Sanitize(workspace.Runtime)}-default") is { } runtimeDefault)
        {
            return (runtimeDefault, Path.GetFileName(runtimeDefault));
        }

        return (null, ExistingVolume);
    }

    /// <summary>A directory named after the workspace, else the first whose config.yaml carries its name.</summary>
    private string? MatchByName(string name, string? subdirectory)
    {
        var prefix = subdirectory is null ? "" : subdirectory + "/";
        if (configs.Existing(prefix + name.ToLowerInvariant().Replace(' ', '-')) is { } named)
        {
            return named;
        }

        return configs.TemplateDirectories(subdirectory)
            .Where(directory => !Path.GetFileName(directory).StartsWith("ws-", StringComparison.Ordinal))
            .FirstOrDefault(directory => string.Equals(TemplateConfig.ReadFrom(directory).Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
