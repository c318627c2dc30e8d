using Microsoft.Extensions.Configuration;

namespace Molecule.Kernel.Templates;

internal sealed class TemplatesOptions
{
    /// <summary>The template root; unset: the first <c>workspace-configs-templates</c> found near the working directory.</summary>
    [ConfigurationKeyName("CONFIGS_DIR")]
    public string? ConfigsDir { get; set; }
}
