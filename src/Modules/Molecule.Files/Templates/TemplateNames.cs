using System.Text;

namespace Molecule.Files.Templates;

/// <summary>How the reference matches a workspace to a template directory by name.</summary>
internal static class TemplateNames
{
    private const string Unnamed = "unnamed";

    /// <summary>
    /// The directory name a workspace's own template would have: <c>a-z0-9_</c> kept, <c>A-Z</c>
    /// lower-cased, spaces and hyphens become <c>-</c>, everything else dropped; empty → <c>unnamed</c>.
    /// The result can never name a parent or a path.
    /// </summary>
    public static string Normalize(string workspaceName)
    {
        var builder = new StringBuilder(workspaceName.Length);
        foreach (var c in workspaceName)
        {
            switch (c)
            {
                case (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_':
                    builder.Append(c);
                    break;
                case >= 'A' and <= 'Z':
                    builder.Append(char.ToLowerInvariant(c));
                    break;
                case ' ' or '-':
                    builder.Append('-');
                    break;
            }
        }

        return builder.Length == 0 ? Unnamed : builder.ToString();
    }

    /// <summary>The value of the first top-level <c>name:</c> line of a config.yaml, quotes removed; null when there is none.</summary>
    public static string? ConfigName(string yaml)
    {
        foreach (var rawLine in yaml.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (!line.StartsWith("name:", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line["name:".Length..].Trim();
            return value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
        }

        return null;
    }
}
