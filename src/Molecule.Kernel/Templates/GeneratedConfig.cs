using System.Globalization;
using System.Text;

namespace Molecule.Kernel.Templates;

/// <summary>
/// The <c>config.yaml</c> the reference generates for a workspace that has none (spec/backends.md
/// §1.6): name, description (the role), version, tier, runtime and model, with a
/// <c>runtime_config</c> timeout for every runtime but langgraph and deepagents. The provisioner
/// writes it on a first start without a template, a bulk files replace when the workspace lacks one.
/// </summary>
public static class GeneratedConfig
{
    public const string FileName = "config.yaml";

    /// <param name="sanitizedRuntime">A known runtime (langgraph when the workspace's is unknown).</param>
    /// <param name="model">The workspace's model; unset picks the runtime's default.</param>
    public static string Render(string name, string? role, int tier, string sanitizedRuntime, string? model = null)
    {
        var effectiveModel = string.IsNullOrWhiteSpace(model)
            ? sanitizedRuntime == "claude-code" ? "sonnet" : "anthropic:claude-opus-4-7"
            : model;
        var yaml = new StringBuilder()
            .Append("name: ").Append(Quote(name)).Append('\n')
            .Append("description: ").Append(Quote(role ?? "")).Append('\n')
            .Append("version: 1.0.0\n")
            .Append("tier: ").Append(tier.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("runtime: ").Append(sanitizedRuntime).Append('\n')
            .Append("model: ").Append(Quote(effectiveModel)).Append('\n');
        if (sanitizedRuntime is not ("langgraph" or "deepagents"))
        {
            yaml.Append("runtime_config:\n  timeout: 0\n");
        }

        return yaml.ToString();
    }

    /// <summary>A double-quoted YAML scalar: line breaks flattened to spaces (carriage returns dropped), then Go's %q escapes.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' '))
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ' or '\x7f': quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"); break;
                default: quoted.Append(c); break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
