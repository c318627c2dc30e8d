using Molecule.RuntimeRegistry.Images;

namespace Molecule.Tests.RuntimeRegistry;

public sealed class RuntimeImageMapTests
{
    [Theory]
    [InlineData("claude-code", "ghcr.io/molecule-ai/workspace-template-claude-code:latest")]
    [InlineData("hermes", "ghcr.io/molecule-ai/workspace-template-hermes:latest")]
    [InlineData("codex", "ghcr.io/molecule-ai/workspace-template-langgraph:latest")]
    [InlineData("", "ghcr.io/molecule-ai/workspace-template-langgraph:latest")]
    [InlineData("something-else", "ghcr.io/molecule-ai/workspace-template-langgraph:latest")]
    public void Runtimes_map_to_the_reference_images(string runtime, string image)
    {
        new RuntimeImageMap(new Dictionary<string, string>()).ImageFor(runtime).ShouldBe(image);
    }

    [Fact]
    public void Overrides_replace_or_add_entries()
    {
        var (overrides, malformed) = RuntimeImageMap.ParseOverrides(" claude-code = local/cc:1 , codex=local/codex:2");
        var map = new RuntimeImageMap(overrides);

        malformed.ShouldBeEmpty();
        map.ImageFor("claude-code").ShouldBe("local/cc:1");
        map.ImageFor("codex").ShouldBe("local/codex:2");
        map.Runtimes.ShouldContain("codex");
    }

    [Fact]
    public void Malformed_override_entries_are_reported()
    {
        var (_, malformed) = RuntimeImageMap.ParseOverrides("claude-code,=x,ok=img");

        malformed.ShouldBe(["claude-code", "=x"]);
    }
}
