using System.Text.Json;
using System.Text.Json.Serialization;
using Molecule.Kernel.Http;
using Molecule.Plugins.Allowlist;
using Molecule.Plugins.Manifest;

namespace Molecule.Plugins.Http;

/// <summary>POST /workspaces/{id}/plugins.</summary>
internal sealed record InstallRequest(
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("sha256")] string? Sha256);

internal sealed record InstallResponse(
    [property: JsonPropertyName("plugin")] string Plugin,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("status")] string Status);

internal sealed record UninstallResponse(
    [property: JsonPropertyName("plugin")] string Plugin,
    [property: JsonPropertyName("status")] string Status);

internal sealed record SourcesResponse([property: JsonPropertyName("schemes")] IReadOnlyList<string> Schemes);

internal sealed record CompatibilityResponse(
    [property: JsonPropertyName("all_compatible")] bool AllCompatible,
    [property: JsonPropertyName("compatible")] IReadOnlyList<PluginInfo> Compatible,
    [property: JsonPropertyName("incompatible")] IReadOnlyList<PluginInfo> Incompatible,
    [property: JsonPropertyName("target_runtime")] string TargetRuntime);

/// <summary>PUT /orgs/{id}/plugins/allowlist.</summary>
internal sealed record AllowlistRequest(
    [property: JsonPropertyName("plugins")] IReadOnlyList<string>? Plugins,
    [property: JsonPropertyName("enabled_by")] string? EnabledBy);

internal sealed record AllowlistEntry(
    [property: JsonPropertyName("plugin_name")] string PluginName,
    [property: JsonPropertyName("enabled_by")] string EnabledBy,
    [property: JsonPropertyName("enabled_at")] DateTime EnabledAt)
{
    public static AllowlistEntry From(AllowlistRow row) => new(row.PluginName, row.EnabledBy, row.EnabledAt);
}

internal sealed record AllowlistResponse(
    [property: JsonPropertyName("allow_all")] bool AllowAll,
    [property: JsonPropertyName("org_id")] Guid OrgId,
    [property: JsonPropertyName("plugins")] IReadOnlyList<AllowlistEntry> Plugins);

/// <summary>The PUT answer echoes the names as sent (null when the body had none).</summary>
internal sealed record AllowlistReplaced(
    [property: JsonPropertyName("allow_all")] bool AllowAll,
    [property: JsonPropertyName("org_id")] Guid OrgId,
    [property: JsonPropertyName("plugins")] IReadOnlyList<string>? Plugins);

[JsonSerializable(typeof(InstallRequest))]
[JsonSerializable(typeof(InstallResponse))]
[JsonSerializable(typeof(UninstallResponse))]
[JsonSerializable(typeof(SourcesResponse))]
[JsonSerializable(typeof(IReadOnlyList<PluginInfo>))]
[JsonSerializable(typeof(CompatibilityResponse))]
[JsonSerializable(typeof(AllowlistRequest))]
[JsonSerializable(typeof(AllowlistResponse))]
[JsonSerializable(typeof(AllowlistReplaced))]
internal sealed partial class PluginsJsonContext : JsonSerializerContext
{
    /// <summary>The wire settings (spec/api-contract.md §0) over the generated metadata.</summary>
    public static PluginsJsonContext Wire { get; } = new(CreateWireOptions());

    private static JsonSerializerOptions CreateWireOptions()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return options;
    }
}
