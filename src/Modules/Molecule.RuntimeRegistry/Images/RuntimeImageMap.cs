namespace Molecule.RuntimeRegistry.Images;

/// <summary>
/// Runtime → Docker image. The eight runtimes with a published template image map to
/// <c>ghcr.io/molecule-ai/workspace-template-&lt;runtime&gt;:latest</c>; anything else runs the
/// langgraph image, as in the reference. Operators override any entry by configuration.
/// </summary>
internal sealed class RuntimeImageMap
{
    public static readonly IReadOnlyList<string> PublishedRuntimes =
        ["langgraph", "claude-code", "openclaw", "deepagents", "crewai", "autogen", "hermes", "gemini-cli"];

    private readonly Dictionary<string, string> _images;

    public RuntimeImageMap(IReadOnlyDictionary<string, string> overrides)
    {
        _images = PublishedRuntimes.ToDictionary(r => r, DefaultImage, StringComparer.Ordinal);
        foreach (var (runtime, image) in overrides)
        {
            _images[runtime] = image;
        }
    }

    public IReadOnlyList<string> Runtimes => [.. _images.Keys];

    public static string DefaultImage(string runtime) => $"ghcr.io/molecule-ai/workspace-template-{runtime}:latest";

    public string ImageFor(string runtime) =>
        _images.TryGetValue(runtime.Trim(), out var image) ? image : _images["langgraph"];

    /// <summary>Parses <c>runtime=image,runtime=image</c>; returns the entries that are malformed.</summary>
    public static (Dictionary<string, string> Overrides, List<string> Malformed) ParseOverrides(string? text)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        var malformed = new List<string>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                overrides[parts[0]] = parts[1];
            }
            else
            {
                malformed.Add(entry);
            }
        }

        return (overrides, malformed);
    }
}
