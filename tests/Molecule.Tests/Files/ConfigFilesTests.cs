using Molecule.Files.SharedContext;
using Molecule.Kernel.Templates;

namespace Molecule.Tests.Files;

public sealed class ConfigFilesTests
{
    [Fact]
    public void The_generated_config_follows_the_reference_layout()
    {
        GeneratedConfig.Render("Researcher", "finds \"things\"\nfast", 2, "langgraph").ShouldBe(
            """
            name: "Researcher"
            description: "finds \"things\" fast"
            version: 1.0.0
            tier: 2
            runtime: langgraph
            model: "anthropic:claude-opus-4-7"

            """.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Claude_code_gets_sonnet_and_a_runtime_timeout()
    {
        var yaml = GeneratedConfig.Render("c", null, 3, "claude-code");

        yaml.ShouldContain("description: \"\"\n");
        yaml.ShouldContain("model: \"sonnet\"\n");
        yaml.ShouldEndWith("runtime_config:\n  timeout: 0\n");
    }

    [Theory]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("bell\u0007", "\"bell\\x07\"")]
    [InlineData("cr\r\nlf", "\"cr lf\"")]
    [InlineData("ünï", "\"ünï\"")]
    public void Quoting_escapes_like_go(string raw, string expected) => GeneratedConfig.Quote(raw).ShouldBe(expected);

    [Fact]
    public void Shared_context_reads_a_block_list()
    {
        const string yaml = """
            name: a
            shared_context:
              - docs/guide.md
              - "notes.md"   # quoted
            - 'zero-indent.md'
            skills: []
            """;

        SharedContextList.Parse(yaml).ShouldBe(["docs/guide.md", "notes.md", "zero-indent.md"]);
    }

    [Fact]
    public void Shared_context_reads_an_inline_list()
    {
        SharedContextList.Parse("shared_context: [a.md, \"b.md\", '']\nname: x\n").ShouldBe(["a.md", "b.md"]);
    }

    [Theory]
    [InlineData("name: a\n")]
    [InlineData("shared_context: none\n")]
    [InlineData("other:\n  shared_context:\n    - nested.md\n")]
    [InlineData("")]
    public void No_shared_context_list_means_no_entries(string yaml) => SharedContextList.Parse(yaml).ShouldBeEmpty();
}
