using Molecule.Kernel.Runtimes;

namespace Molecule.Tests.Workspaces;

/// <summary>The reference's runtime allowlist, for rules that sanitise a runtime.</summary>
internal sealed class TestRuntimeCatalog : IRuntimeCatalog
{
    public IReadOnlyList<string> Names { get; } =
        ["claude-code", "langgraph", "crewai", "autogen", "deepagents", "hermes", "gemini-cli", "openclaw", "external"];

    public IReadOnlyList<string> RuntimesWithImages => [];

    public bool IsKnown(string runtime) => Names.Contains(runtime);

    public string Sanitize(string? runtime) => IsKnown((runtime ?? "").Trim()) ? runtime!.Trim() : IRuntimeCatalog.DefaultRuntime;

    public string DockerImageFor(string runtime) => "";
}
