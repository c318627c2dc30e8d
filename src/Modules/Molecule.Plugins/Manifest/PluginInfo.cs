using System.Text.Json.Serialization;

namespace Molecule.Plugins.Manifest;

/// <summary>
/// What <c>plugin.yaml</c> says about a plugin, as the registry and installed lists show it. Strings
/// default to <c>""</c>; lists are null when the file does not have them. <c>runtimes</c> empty or
/// absent means every runtime.
/// </summary>
internal sealed record PluginInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("author")] string Author,
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("skills")] IReadOnlyList<string>? Skills,
    [property: JsonPropertyName("runtimes")] IReadOnlyList<string>? Runtimes,
    [property: JsonPropertyName("supported_on_runtime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SupportedOnRuntime = null)
{
    /// <summary>A plugin whose plugin.yaml is missing or unreadable: its name and nothing else.</summary>
    public static PluginInfo NameOnly(string name) => new(name, "", "", "", null, null, null);

    public bool Supports(string runtime) => RuntimeMatch.Supports(Runtimes, runtime);
}
