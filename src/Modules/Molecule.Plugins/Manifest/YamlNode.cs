namespace Molecule.Plugins.Manifest;

/// <summary>A node of the YAML subset <see cref="YamlSubsetReader"/> understands.</summary>
internal abstract record YamlNode;

/// <summary>A scalar as written; <paramref name="Quoted"/> tells <c>"null"</c> apart from <c>null</c>.</summary>
internal sealed record YamlScalar(string Text, bool Quoted) : YamlNode
{
    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items) : YamlNode;

internal sealed record YamlMapping(IReadOnlyDictionary<string, YamlNode> Entries) : YamlNode;

/// <summary>The text is outside the subset or not valid YAML; <see cref="Line"/> is 1-based.</summary>
internal sealed class YamlSubsetException(string message, int line) : FormatException($"line {line}: {message}")
{
    public int Line { get; } = line;
}
