namespace Molecule.Files.SharedContext;

/// <summary>
/// The <c>shared_context:</c> entries of a config.yaml: a top-level key holding a list of strings,
/// either as a block (<c>- a.md</c> lines) or inline (<c>[a.md, b.md]</c>). Read line by line like the
/// other config.yaml facts, so a file with YAML we do not parse still yields its list.
/// </summary>
internal static class SharedContextList
{
    private const string Key = "shared_context:";

    public static IReadOnlyList<string> Parse(string yaml)
    {
        var entries = new List<string>();
        var inBlock = false;
        foreach (var rawLine in yaml.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]) && !line.StartsWith('-'))
            {
                if (inBlock)
                {
                    break;
                }

                if (!line.StartsWith(Key, StringComparison.Ordinal))
                {
                    continue;
                }

                var inline = StripComment(line[Key.Length..]).Trim();
                if (inline.StartsWith('[') && inline.EndsWith(']'))
                {
                    entries.AddRange(inline[1..^1].Split(',').Select(Unquote).Where(entry => entry.Length > 0));
                    break;
                }

                inBlock = inline.Length == 0;
                if (!inBlock)
                {
                    break;
                }

                continue;
            }

            var item = line.TrimStart();
            if (inBlock && item.StartsWith('-'))
            {
                var value = Unquote(StripComment(item[1..]));
                if (value.Length > 0)
                {
                    entries.Add(value);
                }
            }
        }

        return entries;
    }

    private static string StripComment(string value)
    {
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment < 0 ? value : value[..comment];
    }

    private static string Unquote(string value)
    {
        value = value.Trim();
        return value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }
}
