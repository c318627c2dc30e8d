using System.Globalization;
using System.Text;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// The <c>config.yaml</c> the reference generates for a workspace created without a template
/// (spec/backends.md §1.6): name, description (the role), version, tier, runtime and model, with
/// a <c>runtime_config</c> timeout for every runtime but langgraph and deepagents. Written only
/// when the config volume has none, so user edits survive restarts.
/// </summary>
internal static class GeneratedConfig
{
    public static string Render(string name, string? role, int tier, string sanitizedRuntime, string? model)
    {
        var effectiveModel = string.IsNullOrWhiteSpace(model)
            ? sanitizedRuntime == "claude-code" ? "sonnet" : "anthropic:claude-opus-4-7"
            : model;
        var yaml = new StringBuilder()
            .Append("name: ").AppendLine(Quote(name))
            .Append("description: ").AppendLine(Quote(role ?? ""))
            .AppendLine("version: 1.0.0")
            .Append("tier: ").AppendLine(tier.ToString(CultureInfo.InvariantCulture))
            .Append("runtime: ").AppendLine(sanitizedRuntime)
            .Append("model: ").AppendLine(Quote(effectiveModel));
        if (sanitizedRuntime is not ("langgraph" or "deepagents"))
        {
            yaml.AppendLine("runtime_config:").AppendLine("  timeout: 0");
        }

        return yaml.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A double-quoted YAML scalar: line feeds become spaces, carriage returns go, escapes as Go's %q.</summary>
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
