using Microsoft.Extensions.Configuration;

namespace Molecule.Workspaces;

internal sealed class WorkspacesOptions
{
    /// <summary>The template root; unset: the first <c>workspace-configs-templates</c> found near the working directory.</summary>
    [ConfigurationKeyName("CONFIGS_DIR")]
    public string? ConfigsDir { get; set; }
}
