namespace Molecule.Workspaces.Templates;

/// <summary>
/// The few facts the control plane reads from a template's <c>config.yaml</c>. The reference reads
/// them line by line rather than parsing YAML, and so do we: a template with YAML we cannot parse
/// still yields its runtime.
/// </summary>
internal sealed record TemplateConfig(string? Name, string? Runtime, string? Model, int? ProvisionTimeoutSeconds)
{
    public static readonly TemplateConfig Empty = new(null, null, null, null);

    /// <summary>Reads <c>&lt;directory&gt;/config.yaml</c>; an unreadable file yields <see cref="Empty"/>.</summary>
    public static TemplateConfig ReadFrom(string directory)
    {
        try
        {
            return Parse(File.ReadAllText(Path.Combine(directory, "config.yaml")));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// Top-level <c>name:</c>, <c>runtime:</c> and <c>model:</c>; inside a top-level
    /// <c>runtime_config:</c> block, an indented <c>model:</c> (used when there is no top-level one)
    /// and <c>provision_timeout_seconds:</c>. The first occurrence of each wins.
    /// </summary>
    public static TemplateConfig Parse(string yaml)
    {
        string? name = null, runtime = null, topModel = null, blockModel = null;
        int? timeout = null;
        var inRuntimeConfig = false;
        foreach (var rawLine in yaml.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indented = char.IsWhiteSpace(line[0]);
            if (!indented)
            {
                inRuntimeConfig = Key(line) == "runtime_config";
                switch (Key(line))
                {
                    case "name": name ??= Value(line); break;
                    case "runtime": runtime ??= Value(line); break;
                    case "model": topModel ??= Value(line); break;
                }

                continue;
            }

            if (!inRuntimeConfig)
            {
                continue;
            }

            switch (Key(line.TrimStart()))
            {
                case "model": blockModel ??= Value(line); break;
                case "provision_timeout_seconds" when timeout is null && int.TryParse(Value(line), out var seconds):
                    timeout = seconds;
                    break;
            }
        }

        return new TemplateConfig(Blank(name), Blank(runtime), Blank(topModel) ?? Blank(blockModel), timeout);
    }

    private static string Key(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : line[..colon].Trim();
    }

    private static string Value(string line)
    {
        var value = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return value[1..^1];
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment < 0 ? value : value[..comment].TrimEnd();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
