using Molecule.Kernel.Yaml;

namespace Molecule.Plugins.Manifest;

/// <summary>Turns a plugin.yaml into a <see cref="PluginInfo"/>; the name always comes from the caller (the directory name).</summary>
internal static class PluginManifestReader
{
    public const string FileName = "plugin.yaml";

    /// <summary>
    /// Reads <paramref name="yaml"/>; a file that is missing, refused by <see cref="SafeYaml"/>, or not a mapping
    /// gives the name alone. A string field that is not a scalar reads as <c>""</c>, a list field
    /// that is not a sequence as absent, and list items that are not scalars are dropped.
    /// </summary>
    public static PluginInfo Read(string name, string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return PluginInfo.NameOnly(name);
        }

        YamlNode? root;
        try
        {
            root = SafeYaml.Parse(yaml);
        }
        catch (SafeYamlException)
        {
            return PluginInfo.NameOnly(name);
        }

        if (root is not YamlMapping mapping)
        {
            return PluginInfo.NameOnly(name);
        }

        return new PluginInfo(
            name,
            Text(mapping, "version"),
            Text(mapping, "description"),
            Text(mapping, "author"),
            List(mapping, "tags"),
            List(mapping, "skills"),
            List(mapping, "runtimes"));
    }

    private static string Text(YamlMapping mapping, string key) =>
        mapping.Entries.TryGetValue(key, out var node) && node is YamlScalar { IsNull: false } scalar ? scalar.Text : "";

    private static List<string>? List(YamlMapping mapping, string key)
    {
        mapping.Entries.TryGetValue(key, out var node);
        return node switch
        {
            YamlSequence sequence => [.. sequence.Items.OfType<YamlScalar>().Where(item => !item.IsNull).Select(item => item.Text)],
            _ => null,
        };
    }
}
