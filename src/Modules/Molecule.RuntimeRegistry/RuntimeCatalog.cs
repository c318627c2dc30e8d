using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Runtimes;
using Molecule.RuntimeRegistry.Images;
using Molecule.RuntimeRegistry.Manifest;

namespace Molecule.RuntimeRegistry;

internal sealed partial class RuntimeCatalog : IRuntimeCatalog
{
    private readonly HashSet<string> _known;
    private readonly RuntimeImageMap _images;

    public RuntimeCatalog(IOptions<RuntimeRegistryOptions> options, ILogger<RuntimeCatalog> logger)
    {
        var loaded = ManifestLoader.Load(options.Value.ManifestPath, AppContext.BaseDirectory, Directory.GetCurrentDirectory());
        Names = loaded.Names;
        Manifest = loaded.Manifest;
        _known = new HashSet<string>(Names, StringComparer.Ordinal);
        _images = new RuntimeImageMap(RuntimeImageMap.ParseOverrides(options.Value.RuntimeImages).Overrides);
        LogLoaded(logger, loaded.Source, string.Join(", ", Names));
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The parsed manifest (plugins, templates, org templates); null when the fallback list is in use.</summary>
    public RuntimeManifest? Manifest { get; }

    public IReadOnlyList<string> RuntimesWithImages => _images.Runtimes;

    public bool IsKnown(string runtime) => _known.Contains(runtime);

    public string Sanitize(string? runtime)
    {
        var trimmed = (runtime ?? "").Trim();
        return trimmed.Length > 0 && _known.Contains(trimmed) ? trimmed : IRuntimeCatalog.DefaultRuntime;
    }

    public string DockerImageFor(string runtime) => _images.ImageFor(runtime);

    [LoggerMessage(Level = LogLevel.Information, Message = "runtime registry loaded from {Source}: {Runtimes}")]
    private static partial void LogLoaded(ILogger logger, string source, string runtimes);
}
