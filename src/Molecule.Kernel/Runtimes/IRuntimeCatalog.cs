namespace Molecule.Kernel.Runtimes;

/// <summary>
/// The runtimes this server knows (from manifest.json) and what runs each one. Unknown runtimes are
/// still stored verbatim on a workspace; the catalog only decides defaults and images.
/// </summary>
public interface IRuntimeCatalog
{
    public const string DefaultRuntime = "langgraph";

    public const string External = "external";

    /// <summary>The allowlist: manifest template names with <c>-default</c> stripped, plus <c>external</c>.</summary>
    IReadOnlyList<string> Names { get; }

    bool IsKnown(string runtime);

    /// <summary>Trimmed; empty or unknown becomes <see cref="DefaultRuntime"/>.</summary>
    string Sanitize(string? runtime);

    /// <summary>The Docker image a workspace of this runtime runs; unknown runtimes get the default runtime's.</summary>
    string DockerImageFor(string runtime);

    /// <summary>Every runtime that has an image of its own, for image refreshes.</summary>
    IReadOnlyList<string> RuntimesWithImages { get; }
}
