using Molecule.Plugins.Manifest;

namespace Molecule.Tests.Plugins;

public sealed class RuntimeMatchTests
{
    [Fact]
    public void No_runtimes_listed_means_every_runtime()
    {
        RuntimeMatch.Supports(null, "langgraph").ShouldBeTrue();
        RuntimeMatch.Supports([], "anything").ShouldBeTrue();
    }

    [Theory]
    [InlineData("claude-code", "claude-code", true)]
    [InlineData("claude_code", "claude-code", true)]
    [InlineData("claude-code", "claude_code", true)]
    [InlineData("gemini-cli", "claude-code", false)]
    [InlineData("Claude-Code", "claude-code", false)]
    public void Dash_and_underscore_are_the_same_character(string listed, string runtime, bool supported) =>
        RuntimeMatch.Supports([listed], runtime).ShouldBe(supported);

    [Fact]
    public void Any_listed_runtime_matches()
    {
        RuntimeMatch.Supports(["langgraph", "hermes"], "hermes").ShouldBeTrue();
        RuntimeMatch.Supports(["langgraph", "hermes"], "crewai").ShouldBeFalse();
    }
}
