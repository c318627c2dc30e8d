namespace Molecule.Kernel.Yaml;

/// <summary>A node of the untyped tree <see cref="SafeYaml"/> reads: every scalar stays the text it was written as.</summary>
public abstract record YamlNode;

/// <summary>A scalar as written; <paramref name="Quoted"/> tells <c>"null"</c> apart from <c>null</c>.</summary>
public sealed record YamlScalar(string Text, bool Quoted) : YamlNode
{
    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode;

public sealed record YamlMapping(IReadOnlyDictionary<string, YamlNode> Entries) : YamlNode;

/// <summary>The text is not valid YAML or uses a feature <see cref="SafeYaml"/> refuses; <see cref="Line"/> is 1-based.</summary>
public sealed class SafeYamlException(string message, long line) : FormatException($"line {line}: {message}")
{
    public long Line { get; } = line;
}
