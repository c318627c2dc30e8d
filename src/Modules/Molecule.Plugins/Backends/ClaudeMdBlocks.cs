namespace Molecule.Plugins.Backends;

/// <summary>
/// Removes a plugin's sections from <c>/configs/CLAUDE.md</c>. A section starts at a line beginning
/// <c># Plugin: &lt;name&gt; /</c> and runs until its second blank line or the next <c># Plugin: </c>
/// line, either of which is kept — the reference's awk filter, line for line.
/// </summary>
internal static class ClaudeMdBlocks
{
    public const string Path = "/configs/CLAUDE.md";

    private const string AnyPluginHeader = "# Plugin: ";

    public static string Remove(string text, string plugin)
    {
        var header = $"# Plugin: {plugin} /";
        if (!text.Contains(header, StringComparison.Ordinal))
        {
            return text;
        }

        var lines = text.Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var kept = new List<string>(count);
        var skipping = false;
        var blanks = 0;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.StartsWith(header, StringComparison.Ordinal))
            {
                skipping = true;
                blanks = 0;
                continue;
            }

            if (skipping && line.StartsWith(AnyPluginHeader, StringComparison.Ordinal))
            {
                skipping = false;
            }
            else if (skipping && line.Length == 0 && ++blanks >= 2)
            {
                skipping = false;
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        return kept.Count == 0 ? "" : string.Join('\n', kept) + "\n";
    }
}
