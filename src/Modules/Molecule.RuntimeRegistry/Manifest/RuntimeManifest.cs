using System.Text.Json.Serialization;

namespace Molecule.RuntimeRegistry.Manifest;

/// <summary>manifest.json: the plugin, workspace-template and org-template registry.</summary>
internal sealed record RuntimeManifest(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("plugins")] IReadOnlyList<ManifestEntry>? Plugins,
    [property: JsonPropertyName("workspace_templates")] IReadOnlyList<ManifestEntry>? WorkspaceTemplates,
    [property: JsonPropertyName("org_templates")] IReadOnlyList<ManifestEntry>? OrgTemplates);

internal sealed record ManifestEntry(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("repo")] string? Repo,
    [property: JsonPropertyName("ref")] string? Ref);

[JsonSerializable(typeof(RuntimeManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
