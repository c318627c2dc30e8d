using System.Globalization;
using System.Text;

namespace Molecule.Files.ReplaceFiles;

/// <summary>
/// The minimal config.yaml a bulk replace adds when the workspace has none, in the reference's
/// generated-config layout: name, description (the role), version, tier, runtime, model, and a
/// zero runtime timeout for runtimes other than langgraph and deepagents.
/// </summary>
internal static class GeneratedConfig
{
    public const string FileName = "config.yaml";

    private const string ClaudeCode = "claude-code";

    /// <param name="runtime">Already sanitised (a known runtime, langgraph when unknown).</param>
    public static string Render(string name, string? role, int tier, string runtime)
    {
        var model = runtime == ClaudeCode ? "sonnet" : "anthropic:claude-opus-4-7";
        var yaml = new StringBuilder()
            .Append("name: ").Append(Quote(name)).Append('\n')
            .Append("description: ").Append(Quote(role ?? "")).Append('\n')
            .Append("version: 1.0.0\n")
            .Append("tier: ").Append(tier.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("runtime: ").Append(runtime).Append('\n')
            .Append("model: ").Append(Quote(model)).Append('\n');
        if (runtime is not ("langgraph" or "deepagents"))
        {
            yaml.Append("runtime_config:\n  timeout: 0\n");
        }

        return yaml.ToString();
    }

    /// <summary>A YAML double-quoted scalar: line breaks flattened first, then Go-style escapes.</summary>
    internal static string Quote(string value)
    {
        var flat = value.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
        var quoted = new StringBuilder(flat.Length + 2).Append('"');
        foreach (var c in flat)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\t': quoted.Append("\\t"); break;
                case < ' ' or '\u007f': quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: quoted.Append(c); break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
