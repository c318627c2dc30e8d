using Molecule.RuntimeRegistry.Manifest;

namespace Molecule.Tests.RuntimeRegistry;

public sealed class ManifestLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("manifest-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_shipped_manifest_yields_the_reference_allowlist()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "manifest.json");

        var loaded = ManifestLoader.Load(shipped, _dir, _dir);

        loaded.Names.ShouldBe(["claude-code", "langgraph", "crewai", "autogen", "deepagents", "hermes", "gemini-cli", "openclaw", "external"]);
        loaded.Manifest!.Plugins!.Count.ShouldBe(21);
        loaded.Manifest.OrgTemplates!.Count.ShouldBe(6);
    }

    [Fact]
    public void Default_suffix_is_stripped_blanks_skipped_and_external_always_present()
    {
        var path = Write("""{"workspace_templates":[{"name":" claude-code-default "},{"name":""},{"name":"custom"}]}""");

        ManifestLoader.Load(path, _dir, _dir).Names.ShouldBe(["claude-code", "custom", "external"]);
    }

    [Fact]
    public void External_is_not_listed_twice()
    {
        var path = Write("""{"workspace_templates":[{"name":"external"}]}""");

        ManifestLoader.Load(path, _dir, _dir).Names.ShouldBe(["external"]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"workspace_templates":"nope"}""")]
    public void An_invalid_manifest_falls_back_to_the_hard_coded_list(string content)
    {
        var loaded = ManifestLoader.Load(Write(content), _dir, _dir);

        loaded.Names.ShouldBe(ManifestLoader.FallbackRuntimes);
        loaded.Names.ShouldContain("codex");
        loaded.Source.ShouldStartWith("fallback");
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_falls_back_without_searching_elsewhere()
    {
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """{"workspace_templates":[{"name":"only-here"}]}""");

        var loaded = ManifestLoader.Load(Path.Combine(_dir, "missing.json"), _dir, _dir);

        loaded.Names.ShouldBe(ManifestLoader.FallbackRuntimes);
    }

    [Fact]
    public void Without_a_configured_path_it_looks_next_to_the_binary_then_up_from_the_working_directory()
    {
        var work = Directory.CreateDirectory(Path.Combine(_dir, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """{"workspace_templates":[{"name":"two-up"}]}""");

        ManifestLoader.Load(null, Path.Combine(_dir, "bin-without-manifest"), work).Names.ShouldBe(["two-up", "external"]);
    }

    [Fact]
    public void No_manifest_anywhere_means_the_fallback_list()
    {
        var work = Directory.CreateDirectory(Path.Combine(_dir, "x", "y", "z")).FullName;

        ManifestLoader.Load(null, work, work).Source.ShouldStartWith("fallback");
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
