using Microsoft.Extensions.Configuration;
using Molecule.RuntimeRegistry.Images;

namespace Molecule.RuntimeRegistry;

internal sealed class RuntimeRegistryOptions
{
    /// <summary>Explicit manifest.json path; unreadable means the fallback runtime list.</summary>
    [ConfigurationKeyName("WORKSPACE_MANIFEST_PATH")]
    public string? ManifestPath { get; set; }

    /// <summary>Per-runtime image overrides: <c>claude-code=registry.local/cc:1,langgraph=…</c>.</summary>
    [ConfigurationKeyName("MOLECULE_RUNTIME_IMAGES")]
    public string? RuntimeImages { get; set; }

    public string? Validate()
    {
        var (_, malformed) = RuntimeImageMap.ParseOverrides(RuntimeImages);
        return malformed.Count == 0
            ? null
            : $"MOLECULE_RUNTIME_IMAGES has malformed entries ({string.Join(", ", malformed)}); expected runtime=image pairs separated by commas";
    }
}
